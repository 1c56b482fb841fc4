using System;
using System.Collections.Generic;
using System.Linq;
using EchoNet.Addressing;

namespace EchoNet.Diagnostics
{
    /// <summary>The probes of one target in arrival order, summarized on demand.</summary>
    public sealed class RoundTripSeries
    {
        private readonly List<double> _times = new List<double>();
        // Failure kinds in the order first seen, for a stable Failures text.
        private readonly List<KeyValuePair<string, int>> _failures = new List<KeyValuePair<string, int>>();
        private int _sent;
        private int _failureRun;
        private int _longestFailureRun;

        public RoundTripSeries(string computerName, int port, string kind)
        {
            ComputerName = computerName;
            Port = port;
            Kind = kind;
        }

        public string ComputerName { get; }
        public int Port { get; }
        public string Kind { get; }
        public int Sent => _sent;

        public void Add(ProbeOutcome probe)
        {
            _sent++;
            if (probe.Succeeded)
            {
                _times.Add(probe.Milliseconds.Value);
                _failureRun = 0;
                return;
            }
            _failureRun++;
            _longestFailureRun = Math.Max(_longestFailureRun, _failureRun);
            int at = _failures.FindIndex(f => f.Key == probe.Failure);
            if (at < 0) _failures.Add(new KeyValuePair<string, int>(probe.Failure, 1));
            else _failures[at] = new KeyValuePair<string, int>(probe.Failure, _failures[at].Value + 1);
        }

        /// <summary>The summary so far. Times are null when no probe succeeded; percentiles outside 0-100 throw.</summary>
        public RoundTripSummary Summarize(IEnumerable<double> extraPercentiles, int buckets)
        {
            var ascending = _times.OrderBy(t => t).ToArray();
            int received = ascending.Length;
            var wanted = Percentiles.Standard.Concat(extraPercentiles ?? Enumerable.Empty<double>()).Distinct().ToArray();
            var summary = new RoundTripSummary
            {
                ComputerName = ComputerName,
                Port = Port,
                Target = HostPort.Format(ComputerName, Port),
                Kind = Kind,
                Sent = _sent,
                Received = received,
                LossPercent = _sent == 0 ? 0 : 100.0 * (_sent - received) / _sent,
                LongestFailureRun = _longestFailureRun,
                Failures = string.Join("; ", _failures.Select(f => f.Key + "=" + f.Value)),
                Histogram = LatencyHistogram.Of(ascending, buckets),
            };
            summary.Percentiles = wanted.Select(p => new PercentileValue(p, received == 0 ? (double?)null : Percentiles.Of(ascending, p))).ToArray();
            if (received == 0) return summary;
            double mean = ascending.Average();
            summary.MinMs = ascending[0];
            summary.MaxMs = ascending[received - 1];
            summary.MeanMs = mean;
            // Population standard deviation: ping's mdev, Python's statistics.pstdev.
            summary.StdDevMs = Math.Sqrt(ascending.Sum(t => (t - mean) * (t - mean)) / received);
            summary.P50Ms = Percentiles.Of(ascending, 50);
            summary.P90Ms = Percentiles.Of(ascending, 90);
            summary.P99Ms = Percentiles.Of(ascending, 99);
            return summary;
        }
    }
}

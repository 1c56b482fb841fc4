using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace EchoNet.Bench
{
    /// <summary>Round-trip samples of one round, in Stopwatch ticks; bounded so memory stays flat.</summary>
    internal sealed class LatencyLog
    {
        private readonly long[] _samples;
        private int _count;
        private long _max;

        public LatencyLog(int capacity) => _samples = new long[capacity];

        public void Reset() { _count = 0; _max = 0; }

        public void Add(long ticks)
        {
            int i = Interlocked.Increment(ref _count) - 1;
            if (i < _samples.Length) _samples[i] = ticks;
            if (ticks > _max) _max = ticks;
        }

        /// <summary>p50, p99 and max in microseconds (NaN without samples).</summary>
        public (double P50, double P99, double Max) Percentiles()
        {
            int n = Math.Min(_count, _samples.Length);
            if (n == 0) return (double.NaN, double.NaN, double.NaN);
            var copy = new long[n];
            Array.Copy(_samples, copy, n);
            Array.Sort(copy);
            return (Us(copy[(int)((n - 1) * 0.50)]), Us(copy[(int)((n - 1) * 0.99)]), Us(_max));
        }

        public static double Us(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
    }

    internal static class Stats
    {
        public static double Median(IEnumerable<double> values)
        {
            var v = values.Where(x => !double.IsNaN(x)).OrderBy(x => x).ToArray();
            if (v.Length == 0) return double.NaN;
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }

        public static double Ratio(double a, double b) => b == 0 || double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a / b;
    }

    /// <summary>One server's numbers in one round of a workload.</summary>
    public sealed class Round
    {
        public double Seconds { get; set; }
        public long Messages { get; set; }
        public double MessagesPerSecond { get; set; }
        public double MegabytesPerSecond { get; set; }
        public double P50Us { get; set; } = double.NaN;
        public double P99Us { get; set; } = double.NaN;
        public double MaxUs { get; set; } = double.NaN;
        public long Errors { get; set; }
        public long Lost { get; set; }
        public double ServerCpuUsPerMessage { get; set; } = double.NaN;
        public double ServerCpuPercent { get; set; } = double.NaN;
        public double GeneratorCpuPercent { get; set; } = double.NaN;
    }

    /// <summary>The medians over rounds of one server, plus its error total.</summary>
    public sealed class Summary
    {
        public int Rounds { get; set; }
        public double MessagesPerSecond { get; set; }
        public double MegabytesPerSecond { get; set; }
        public double P50Us { get; set; }
        public double P99Us { get; set; }
        public double MaxUs { get; set; }
        public long Errors { get; set; }
        public long Lost { get; set; }
        public long Messages { get; set; }
        public double LossPercent { get; set; }
        public double ServerCpuUsPerMessage { get; set; }
        public double ServerCpuPercent { get; set; }
        public double GeneratorCpuPercent { get; set; }
        public List<Round> PerRound { get; set; } = new List<Round>();

        public static Summary Of(List<Round> rounds)
        {
            long messages = rounds.Sum(r => r.Messages);
            long lost = rounds.Sum(r => r.Lost);
            return new Summary
            {
                Rounds = rounds.Count,
                MessagesPerSecond = Stats.Median(rounds.Select(r => r.MessagesPerSecond)),
                MegabytesPerSecond = Stats.Median(rounds.Select(r => r.MegabytesPerSecond)),
                P50Us = Stats.Median(rounds.Select(r => r.P50Us)),
                P99Us = Stats.Median(rounds.Select(r => r.P99Us)),
                MaxUs = rounds.Count == 0 ? double.NaN : rounds.Max(r => double.IsNaN(r.MaxUs) ? 0 : r.MaxUs),
                Errors = rounds.Sum(r => r.Errors),
                Lost = lost,
                Messages = messages,
                LossPercent = messages + lost == 0 ? 0 : 100.0 * lost / (messages + lost),
                ServerCpuUsPerMessage = Stats.Median(rounds.Select(r => r.ServerCpuUsPerMessage)),
                ServerCpuPercent = Stats.Median(rounds.Select(r => r.ServerCpuPercent)),
                GeneratorCpuPercent = Stats.Median(rounds.Select(r => r.GeneratorCpuPercent)),
                PerRound = rounds,
            };
        }
    }

    /// <summary>
    /// EchoNet's headline over another server's, round by round (each pair measured back to back):
    /// the median and the range of those per-round ratios.
    /// </summary>
    public sealed class RatioSpread
    {
        /// <summary>The other server: "baseline", "C floor", or the build compared with.</summary>
        public string Against { get; set; }
        public double Median { get; set; } = double.NaN;
        public double Min { get; set; } = double.NaN;
        public double Max { get; set; } = double.NaN;
        public int Rounds { get; set; }
        /// <summary>
        /// Efficiency: messages per second of server CPU, EchoNet's over the other's (the other's CPU
        /// per message ÷ EchoNet's), per round. Above 1 EchoNet spends less CPU per message; this
        /// holds where the generator, not the server, sets the pace.
        /// </summary>
        public double EfficiencyMedian { get; set; } = double.NaN;
        public double EfficiencyMin { get; set; } = double.NaN;
        public double EfficiencyMax { get; set; } = double.NaN;
        /// <summary>The other server's own headline (median of its rounds).</summary>
        public double Value { get; set; } = double.NaN;
        public Summary Detail { get; set; }

        /// <summary>Per-round ratios of <paramref name="e"/>'s headline to <paramref name="other"/>'s.</summary>
        public static RatioSpread Of(string against, Summary e, Summary other, Func<Summary, double> headline)
        {
            var ratios = e.PerRound.Zip(other.PerRound, (re, ro) => Stats.Ratio(headline(Summary.Of(new List<Round> { re })), headline(Summary.Of(new List<Round> { ro }))))
                .Where(r => !double.IsNaN(r)).ToList();
            var efficiency = e.PerRound.Zip(other.PerRound, (re, ro) => Stats.Ratio(ro.ServerCpuUsPerMessage, re.ServerCpuUsPerMessage))
                .Where(r => !double.IsNaN(r)).ToList();
            return new RatioSpread
            {
                Against = against, Rounds = ratios.Count, Median = Stats.Median(ratios),
                Min = ratios.Count == 0 ? double.NaN : ratios.Min(), Max = ratios.Count == 0 ? double.NaN : ratios.Max(),
                EfficiencyMedian = Stats.Median(efficiency),
                EfficiencyMin = efficiency.Count == 0 ? double.NaN : efficiency.Min(), EfficiencyMax = efficiency.Count == 0 ? double.NaN : efficiency.Max(),
                Value = headline(other), Detail = other,
            };
        }
    }

    public sealed class Target
    {
        public string Text { get; set; }
        /// <summary>true met, false missed, null not measured.</summary>
        public bool? Met { get; set; }
    }

    /// <summary>One row of the table: a workload with EchoNet's and the baseline's numbers.</summary>
    public sealed class WorkloadResult
    {
        public int Id { get; set; }
        public string Name { get; set; }
        /// <summary>The headline metric's name and unit, e.g. "msgs/s".</summary>
        public string Metric { get; set; }
        public string EchoNetLabel { get; set; } = "EchoNet";
        public string BaselineLabel { get; set; } = "baseline";
        public double EchoNet { get; set; } = double.NaN;
        public double Baseline { get; set; } = double.NaN;
        public double Ratio { get; set; } = double.NaN;
        public double CpuRatio { get; set; } = double.NaN;
        public Summary EchoNetDetail { get; set; }
        public Summary BaselineDetail { get; set; }
        public Dictionary<string, double> Extra { get; set; } = new Dictionary<string, double>();
        public List<Target> Targets { get; set; } = new List<Target>();
        /// <summary>Per-round ratios to the baseline, the C floor and the build compared with (those measured).</summary>
        public List<RatioSpread> Spreads { get; set; } = new List<RatioSpread>();
        public string Skipped { get; set; }
        public string Note { get; set; }
    }
}

using EchoNet.Diagnostics;

namespace EchoNet
{
    /// <summary>
    /// A series of probes to one target summarized as ping, tcping and PsPing do: counts, loss,
    /// min/mean/max/standard deviation, percentiles (linear interpolation, see Percentiles), the
    /// longest run of failures and a histogram. Scalars are flat properties so Export-Csv works.
    /// </summary>
    public sealed class RoundTripSummary
    {
        /// <summary>"host:port".</summary>
        public string Target { get; set; }
        public string ComputerName { get; set; }
        public int Port { get; set; }

        /// <summary>TcpMessage or UdpDatagram (round trips), or TcpConnect (connect times).</summary>
        public string Kind { get; set; }
        public int Sent { get; set; }
        public int Received { get; set; }
        public int Lost => Sent - Received;
        public double LossPercent { get; set; }

        // Null when no probe succeeded.
        public double? MinMs { get; set; }
        public double? MeanMs { get; set; }
        public double? MaxMs { get; set; }

        /// <summary>Population standard deviation (ping's mdev).</summary>
        public double? StdDevMs { get; set; }
        public double? P50Ms { get; set; }
        public double? P90Ms { get; set; }
        public double? P99Ms { get; set; }

        /// <summary>The most consecutive failed probes (tcping's longest outage, in probes).</summary>
        public int LongestFailureRun { get; set; }

        /// <summary>Failed probes by kind, "ConnectionRefused=3; Timeout=1"; empty when none failed.</summary>
        public string Failures { get; set; }

        /// <summary>P50, P90, P99 and those asked for with -Percentile.</summary>
        public PercentileValue[] Percentiles { get; set; }
        public HistogramBucket[] Histogram { get; set; }

        public override string ToString() =>
            $"{Target}: {Sent} sent, {Received} received, {LossPercent:0.#}% loss" + (MinMs.HasValue ? $", min/avg/max/mdev = {MinMs:0.###}/{MeanMs:0.###}/{MaxMs:0.###}/{StdDevMs:0.###} ms" : string.Empty);
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using EchoNet.Diagnostics;
using EchoNet.Output;

namespace EchoNet.Commands
{
    /// <summary>
    /// Summarizes piped probe results per target as ping, tcping and PsPing do: sent, received,
    /// loss, min/mean/max/standard deviation, percentiles, the longest failure run and a histogram.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "RoundTrip")]
    [OutputType(typeof(RoundTripSummary))]
    public sealed class MeasureRoundTripCommand : PSCmdlet
    {
        private readonly SeriesByTarget _series = new SeriesByTarget();
        private readonly HashSet<string> _reasonsReported = new HashSet<string>();
        private int _skipped;

        /// <summary>Results of Send-TcpMessage, Receive-TcpMessage, Send-UdpDatagram or Test-TcpPort.</summary>
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject[] InputObject { get; set; }

        /// <summary>Percentiles to add to P50, P90 and P99, each 0 to 100.</summary>
        [Parameter]
        [ValidateNotNull]
        public double[] Percentile { get; set; } = new double[0];

        /// <summary>Equal-width histogram buckets between the fastest and the slowest probe.</summary>
        [Parameter]
        [ValidateRange(1, LatencyHistogram.MaxBuckets)]
        public int BucketCount { get; set; } = LatencyHistogram.DefaultBuckets;

        protected override void BeginProcessing()
        {
            foreach (var p in Percentile)
            {
                if (Percentiles.IsValid(p)) continue;
                ThrowTerminatingError(new ErrorRecord(new PSArgumentOutOfRangeException(nameof(Percentile), p,
                    string.Format(CultureInfo.InvariantCulture, "-Percentile {0} is outside 0-100.", p)),
                    "PercentileOutOfRange", ErrorCategory.InvalidArgument, p));
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var item in InputObject)
            {
                if (ProbeOutcome.TryRead(item?.BaseObject, out var probe, out var whyNot))
                {
                    _series.Add(probe);
                    continue;
                }
                _skipped++;
                // One error per reason: a series of a thousand datagrams sent without -WaitForReply is one mistake.
                if (!_reasonsReported.Add(whyNot)) continue;
                WriteError(new ErrorRecord(new PSArgumentException($"Not measured: {whyNot}. Further input like it is skipped without another error."),
                    "NotAProbeResult", ErrorCategory.InvalidType, item));
            }
        }

        protected override void EndProcessing()
        {
            if (_series.Count == 0)
            {
                var message = _skipped == 0
                    ? "Nothing to measure: the pipeline was empty. Pipe results of Send-TcpMessage, Receive-TcpMessage, Send-UdpDatagram or Test-TcpPort."
                    : $"Nothing to measure: none of the {_skipped} input objects was a probe result.";
                WriteError(new ErrorRecord(new PSInvalidOperationException(message), "NoProbeResults", ErrorCategory.InvalidData, null));
                return;
            }
            foreach (var series in _series.Series)
                WriteObject(SummaryObjects.Flat(series.Summarize(Percentile, BucketCount)));
        }
    }
}

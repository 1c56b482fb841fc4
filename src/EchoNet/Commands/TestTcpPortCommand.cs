using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Diagnostics;
using EchoNet.Output;
using EchoNet.Planning;

namespace EchoNet.Commands
{
    /// <summary>
    /// A TCP connect series (tcping): connect, time it, close, -Count times or until Ctrl+C, one
    /// result per probe (or, with -Summary, one summary per target). A closed port is a result,
    /// not an error; a name that does not resolve is an error. With -RoundTrip: a round-trip
    /// series over one connection per target instead (PsPing's TCP latency test).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TcpPort", DefaultParameterSetName = CountSet)]
    [OutputType(typeof(TcpConnectResult), typeof(TcpMessageResult), typeof(RoundTripSummary))]
    public sealed class TestTcpPortCommand : TargetCommand
    {
        private const string CountSet = "Count";
        private const string ContinuousSet = "Continuous";
        private readonly SeriesByTarget _series = new SeriesByTarget();

        /// <summary>Counted probes per target.</summary>
        [Parameter(ParameterSetName = CountSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 4;

        /// <summary>Probe until Ctrl+C, which prints the summary so far.</summary>
        [Parameter(ParameterSetName = ContinuousSet, Mandatory = true)]
        [Alias("Repeat")]
        public SwitchParameter Continuous { get; set; }

        /// <summary>Milliseconds from one round of probes to the next.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Interval { get; set; } = 1000;

        /// <summary>Probes per target before the counted ones, not reported (the first connect pays for JIT and caches).</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int WarmUp { get; set; } = 1;

        /// <summary>Milliseconds for the name lookup and for each connect.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 2000;

        /// <summary>Time round trips of -Size bytes over one connection per target instead of connects.</summary>
        [Parameter]
        public SwitchParameter RoundTrip { get; set; }

        /// <summary>Bytes each -RoundTrip probe sends and expects back.</summary>
        [Parameter]
        [ValidateRange(1, TcpEchoSeries.MaxBytes)]
        public int Size { get; set; } = 32;

        /// <summary>Speak TLS: each connect probe includes the handshake; -RoundTrip probes go over TLS.</summary>
        [Parameter]
        public SwitchParameter UseTls { get; set; }

        /// <summary>Accept any server certificate (test servers only).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The name sent as SNI and checked against the certificate; default: -ComputerName.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        /// <summary>Write one summary per target at the end instead of a result per probe.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void ProcessRecord()
        {
            var tls = TlsOptions(UseTls, ServerName, SkipCertificateCheck);
            var targets = Targets();
            if (targets.Count == 0) return;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Size)) && !RoundTrip)
                WriteWarning("-Size only matters with -RoundTrip: a connect probe sends nothing.");
            var plan = new ProbePlan(targets, Count, Continuous, Interval, WarmUp, Timeout);
            var trace = Tracing ? new ClientTrace() : null;
            var reports = RoundTrip ? TcpEchoSeries.Run(plan, Size, tls, Tracing, Cancel) : TcpConnectSeries.Run(plan, tls, trace, Cancel);
            foreach (var report in reports)
            {
                WriteTrace(trace);
                if (report.Result != null && ProbeOutcome.TryRead(report.Result, out var outcome, out _))
                {
                    _series.Add(outcome);
                    if (Summary) continue;
                }
                WriteReport(report);
            }
            WriteTrace(trace);
            if (Cancel.IsCancellationRequested) PrintSummarySoFar();
        }

        protected override void EndProcessing()
        {
            if (!Summary) return;
            foreach (var series in _series.Series) WriteObject(SummaryObjects.Flat(series.Summarize(null, LatencyHistogram.DefaultBuckets)));
        }

        /// <summary>
        /// Ctrl+C stops the pipeline, so nothing more can be written to it: as ping does, the
        /// summary of what was probed goes to the console.
        /// </summary>
        private void PrintSummarySoFar()
        {
            foreach (var series in _series.Series)
            {
                var text = SummaryText.Render(series.Summarize(null, LatencyHistogram.DefaultBuckets), 79);
                try { Host.UI.WriteLine(text); }
                catch (PipelineStoppedException) { return; }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Diagnostics;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Planning;

namespace EchoNet.Commands
{
    /// <summary>
    /// A throughput test (PsPing -b, a small iperf) against an echo server, every echoed byte
    /// checked, or a discard server (one way): -Size bytes or -Duration milliseconds over
    /// -Connections connections; MB/s per connection and in total, and the CPU time it took.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Throughput", DefaultParameterSetName = SizeSet)]
    [OutputType(typeof(ThroughputResult))]
    public sealed class MeasureThroughputCommand : TargetCommand
    {
        private const string SizeSet = "Size";
        private const string DurationSet = "Duration";

        /// <summary>Bytes to send over all connections together.</summary>
        [Parameter(ParameterSetName = SizeSet)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; } = 10 * 1024 * 1024;

        /// <summary>Milliseconds to send for, instead of a size.</summary>
        [Parameter(ParameterSetName = DurationSet, Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        public int Duration { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int Connections { get; set; } = 1;

        /// <summary>The server is a discard server: send one way, expect nothing back.</summary>
        [Parameter]
        public SwitchParameter Discard { get; set; }

        /// <summary>Milliseconds for each connect, and for any send or receive that makes no progress.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 10000;

        protected override void ProcessRecord()
        {
            var targets = Targets();
            var trace = Tracing ? new ClientTrace() : null;
            foreach (var target in targets)
            {
                var plan = new ThroughputPlan(target, Connections, ParameterSetName == SizeSet ? Size : 0,
                    ParameterSetName == DurationSet ? Duration : 0, Discard, Timeout);
                ThroughputResult result;
                try { result = ThroughputTest.Run(plan, trace, Cancel); }
                catch (NetException e)
                {
                    WriteTrace(trace);
                    if (e.Kind == NetErrorKind.Canceled) return;
                    WriteError(NetErrors.ToErrorRecord(e, Addressing.HostPort.Format(target.ComputerName, target.Port)));
                    continue;
                }
                WriteTrace(trace);
                foreach (var connection in result.Connection)
                {
                    if (connection.ErrorId == null) continue;
                    var category = Enum.TryParse<NetErrorKind>(connection.ErrorId, out var kind) ? NetErrors.CategoryOf(kind) : ErrorCategory.InvalidData;
                    WriteError(new ErrorRecord(new InvalidOperationException(connection.Error), connection.ErrorId, category, result.Target));
                }
                // Nothing connected: the errors say it all, a row of zeros would add nothing.
                if (result.FailedConnections < result.Connections || result.BytesSent > 0) WriteObject(result);
            }
        }
    }
}

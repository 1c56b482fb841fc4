using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.Diagnostics;
using EchoNet.Errors;
using EchoNet.Planning;
using EchoNet.Timing;

namespace EchoNet.Commands
{
    /// <summary>
    /// Waits until TCP ports accept connections (wait-for-it): retries with a growing pause until
    /// every target is open or -Timeout has passed; a port that never opened is an error naming it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "TcpPort")]
    [OutputType(typeof(TcpPortWaitResult), typeof(bool))]
    public sealed class WaitTcpPortCommand : ClientCommand
    {
        private long _start;
        private long _deadline;
        private bool _allOpen = true;

        /// <summary>Host names or addresses; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int[] Port { get; set; }

        /// <summary>Milliseconds to wait for all targets together, from the start of the command.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 30000;

        /// <summary>The longest pause between attempts, in milliseconds; pauses start at 50 and double.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxInterval { get; set; } = 1000;

        /// <summary>Write one Boolean, true when every target opened, and no errors.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _start = Stopwatch.GetTimestamp();
            _deadline = Waits.Deadline(Timeout);
        }

        protected override void ProcessRecord()
        {
            // A name that gives no target is a mistake in the command, an error even with -Quiet.
            var targets = ResolveTargets(ComputerName, Port);
            if (targets.Count < ComputerName.Length * (Port?.Length ?? 1)) _allOpen = false;
            var trace = Tracing ? new ClientTrace() : null;
            foreach (var target in targets)
            {
                if (Cancel.IsCancellationRequested) return;
                try
                {
                    var result = PortWait.Until(target, _start, _deadline, MaxInterval, trace, Cancel);
                    WriteTrace(trace);
                    if (!Quiet) WriteObject(result);
                }
                catch (NetException e)
                {
                    WriteTrace(trace);
                    if (e.Kind == NetErrorKind.Canceled) return;
                    _allOpen = false;
                    if (Quiet) continue;
                    var name = Addressing.HostPort.Format(target.ComputerName, target.Port);
                    WriteError(new ErrorRecord(new TimeoutException(e.Message, e), "PortNeverOpened", ErrorCategory.OperationTimeout, name));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (Quiet) WriteObject(_allOpen);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Binding;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Server;

namespace EchoNet.Commands
{
    /// <summary>
    /// Changes a running server's faults (the next byte on every connection, open ones included),
    /// or takes it -Down (open connections reset, new ones refused) and back -Up, as Toxiproxy's API does mid-test.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EchoServer", DefaultParameterSetName = "InputObject",
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EchoServer))]
    public sealed class SetEchoServerCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "InputObject", Position = 0, Mandatory = true, ValueFromPipeline = true)]
        public EchoServer[] InputObject { get; set; }

        [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public int[] Id { get; set; }

        /// <summary>Milliseconds added to every chunk or datagram in the faulted direction; 0 lifts it.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int Latency { get; set; }

        /// <summary>Up to this many milliseconds more or less than -Latency.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int Jitter { get; set; }

        /// <summary>Bytes per second per connection and direction; 0 lifts the limit.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long Bandwidth { get; set; }

        /// <summary>Segments of at most this many bytes; 0 lifts it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Slice { get; set; }

        /// <summary>Milliseconds between two segments of -Slice.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int SliceDelay { get; set; }

        /// <summary>Close connections (FIN) once this many bytes went through; 0 lifts it.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long LimitData { get; set; }

        /// <summary>Reset connections (RST) once this many bytes went through; 0 lifts it.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long ResetAfter { get; set; }

        /// <summary>Let nothing through (-Blackhole:$false lifts it).</summary>
        [Parameter]
        public SwitchParameter Blackhole { get; set; }

        /// <summary>With -Blackhole: milliseconds after which a connection is closed; 0 never.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int BlackholeTimeout { get; set; }

        /// <summary>Milliseconds the server waits before it closes a connection; 0 lifts it.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int SlowClose { get; set; }

        /// <summary>Which way the faults act: Downstream, Upstream or Both.</summary>
        [Parameter]
        public FaultDirection FaultDirection { get; set; }

        /// <summary>The share of connections or datagrams the faults act on, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double FaultRate { get; set; }

        /// <summary>UDP: the share of datagrams not answered, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double DropRate { get; set; }

        /// <summary>UDP: the share of datagrams answered twice, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double DuplicateRate { get; set; }

        /// <summary>UDP: the share of datagrams held back behind the next one, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double ReorderRate { get; set; }

        /// <summary>Restarts every random choice from this seed.</summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>Lift every fault first (then apply the fault parameters given with it, if any).</summary>
        [Parameter]
        public SwitchParameter ClearFaults { get; set; }

        /// <summary>Take the server down: open connections are reset, nothing listens until -Up.</summary>
        [Parameter]
        public SwitchParameter Down { get; set; }

        /// <summary>Serve again on the same port after -Down.</summary>
        [Parameter]
        public SwitchParameter Up { get; set; }

        /// <summary>Write the server after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Down && Up)
                ThrowTerminatingError(NetErrors.InvalidArgument("DownWithUp",
                    "-Down takes the server down and -Up brings it back: give one of them per call.", null));
        }

        protected override void ProcessRecord()
        {
            foreach (var server in Targets())
            {
                if (!ShouldProcess(server.ToString(), Describe())) continue;
                try { Apply(server); }
                catch (NetException e)
                {
                    WriteError(NetErrors.ToErrorRecord(e, server.Port));
                    continue;
                }
                if (PassThru) WriteObject(server);
            }
        }

        private void Apply(EchoServer server)
        {
            var bound = MyInvocation.BoundParameters;
            if (server.State == EchoServerState.Stopped)
                throw new NetException(NetErrorKind.InvalidArgument, $"Echo server {server.Id} is stopped; start a new one.");
            if (ClearFaults || FaultParameters.AnyGiven(bound) || bound.ContainsKey(nameof(Seed)))
            {
                var faults = FaultParameters.Apply(ClearFaults ? EchoFaults.None : server.Faults, bound);
                server.SetFaults(faults, bound.ContainsKey(nameof(Seed)) ? Seed : (int?)null);
                WriteVerbose(faults.IsEmpty
                    ? $"Echo server {server.Id}: no faults now."
                    : $"Echo server {server.Id}: faults now {faults} (seed {server.Seed}); they act on the next byte of every connection.");
            }
            if (Down)
            {
                long active = server.ActiveConnections;
                server.Down();
                WriteVerbose($"Echo server {server.Id} is down: {active} open connections reset, nothing listens on port {server.Port} until -Up.");
            }
            if (Up)
            {
                server.Up();
                WriteVerbose($"Echo server {server.Id} is up again on {string.Join(", ", server.LocalEndPoints.Select(e => e.ToString()))}.");
            }
        }

        private string Describe() =>
            Down ? "Take down (reset connections, stop listening)" : Up ? "Bring back up" : "Change faults";

        private IEnumerable<EchoServer> Targets()
        {
            if (ParameterSetName != "Id") return InputObject.Where(s => s != null);
            var errors = new List<ErrorRecord>();
            var found = ServerLookup.ById(Id, errors);
            errors.ForEach(WriteError);
            return found;
        }
    }
}

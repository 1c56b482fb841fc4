using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>
    /// Returns what servers started with -Record received (and connections coming and going), in
    /// arrival order, and removes it as Receive-Job does; -Keep leaves it, -Wait waits for more.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "EchoServerEvent", DefaultParameterSetName = "All")]
    [OutputType(typeof(EchoServerEvent))]
    public sealed class ReceiveEchoServerEventCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<EchoServer> _servers = new List<EchoServer>();

        [Parameter(ParameterSetName = "InputObject", Position = 0, Mandatory = true, ValueFromPipeline = true)]
        public EchoServer[] InputObject { get; set; }

        [Parameter(ParameterSetName = "Id", Mandatory = true)]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public int[] Id { get; set; }

        /// <summary>Only events of these kinds (the others stay recorded).</summary>
        [Parameter]
        public EchoServerEventKind[] Kind { get; set; }

        /// <summary>Leave the events recorded, to be received again.</summary>
        [Parameter]
        public SwitchParameter Keep { get; set; }

        /// <summary>When nothing is recorded yet, wait until something arrives.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many milliseconds; -1 (the default) waits until Ctrl+C or the server stops.</summary>
        [Parameter]
        [ValidateRange(System.Threading.Timeout.Infinite, int.MaxValue)]
        public int Timeout { get; set; } = System.Threading.Timeout.Infinite;

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) && !Wait)
                WriteWarning("-Timeout only matters with -Wait.");
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case "InputObject":
                    foreach (var server in InputObject.Where(s => s != null)) Add(server);
                    break;
                case "Id":
                    var errors = new List<ErrorRecord>();
                    foreach (var server in ServerLookup.ById(Id, errors)) Add(server);
                    errors.ForEach(WriteError);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == "All") _servers.AddRange(EchoServerRegistry.All().Where(s => s.Recording));
            if (_servers.Count == 0) return;
            var timeout = Timeout == System.Threading.Timeout.Infinite ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Timeout);
            WriteVerbose($"Reading the recorded events of echo server(s) {string.Join(", ", _servers.Select(s => s.Id))}{(Keep ? ", keeping them" : string.Empty)}{(Wait ? $"; waiting up to {(Timeout < 0 ? "forever" : Timeout + " ms")} for the first" : string.Empty)}.");
            int received = 0;
            foreach (var e in RecordedEvents.Receive(_servers, Kind, Keep, Wait, timeout, _stop.Token))
            {
                WriteObject(e);
                received++;
            }
            if (received == 0 && Wait && !_stop.IsCancellationRequested)
                WriteVerbose($"No {(Kind == null ? "" : string.Join("/", Kind) + " ")}event arrived " +
                    (Timeout < 0 ? "before the server stopped." : $"within {Timeout} ms."));
        }

        private void Add(EchoServer server)
        {
            if (!server.Recording)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"Echo server {server.Id} (port {server.Port}) does not record what it receives. Start it with -Record to read its events with Receive-EchoServerEvent."),
                    "ServerNotRecording", ErrorCategory.InvalidOperation, server));
                return;
            }
            if (!_servers.Contains(server)) _servers.Add(server);
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, stopped or not.</summary>
        public void Dispose() => _stop.Dispose();
    }
}

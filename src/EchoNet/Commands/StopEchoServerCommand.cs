using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>Stops echo servers: closes their listeners and connections and frees their ports.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "EchoServer", DefaultParameterSetName = "InputObject",
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EchoServer))]
    public sealed class StopEchoServerCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "InputObject", Position = 0, Mandatory = true, ValueFromPipeline = true)]
        public EchoServer[] InputObject { get; set; }

        [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public int[] Id { get; set; }

        /// <summary>
        /// The piped object -Id was taken from, only to refuse one from another host (see
        /// <see cref="ForeignObjects"/>); hidden from completion.
        /// </summary>
        [Parameter(ParameterSetName = "Id", ValueFromPipeline = true, DontShow = true)]
        public PSObject PipelineObject { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var server in Targets())
            {
                if (!ShouldProcess(server.ToString(), "Stop echo server")) continue;
                server.Stop();
                WriteVerbose($"Stopped echo server {server.Id} ({server.Protocol} on {string.Join(", ", server.LocalEndPoints.Select(e => e.ToString()))}): {server.ConnectionsAccepted} connections and {server.DatagramsEchoed} datagrams served, {server.BytesEchoed} bytes echoed since {server.StartTime:T}.");
                if (PassThru) WriteObject(server);
            }
        }

        private IEnumerable<EchoServer> Targets()
        {
            switch (ParameterSetName)
            {
                case "All":
                    return EchoServerRegistry.All();
                case "Id":
                    var foreign = ForeignObjects.Refuse(PipelineObject, "echo server", $"Stop-EchoServer -Id {string.Join(",", Id)}");
                    if (foreign != null)
                    {
                        WriteError(foreign);
                        return Enumerable.Empty<EchoServer>();
                    }
                    var errors = new List<ErrorRecord>();
                    var found = ServerLookup.ById(Id, errors);
                    errors.ForEach(WriteError);
                    return found;
                default:
                    return InputObject.Where(s => s != null);
            }
        }
    }
}

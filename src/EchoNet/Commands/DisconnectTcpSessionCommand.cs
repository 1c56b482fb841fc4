using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>
    /// Closes TCP sessions. Bytes a session had received that no reply took are not dropped:
    /// they are written out as a result with ReplyEnd Leftover.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "TcpSession", DefaultParameterSetName = "Session",
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TcpMessageResult), typeof(TcpSession))]
    public sealed class DisconnectTcpSessionCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "Session", Position = 0, Mandatory = true, ValueFromPipeline = true)]
        public TcpSession[] Session { get; set; }

        [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public int[] Id { get; set; }

        /// <summary>
        /// The piped object -Id was taken from, only to refuse one from another host (see
        /// <see cref="ForeignObjects"/>); hidden from completion.
        /// </summary>
        [Parameter(ParameterSetName = "Id", ValueFromPipeline = true, DontShow = true)]
        public PSObject PipelineObject { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        /// <summary>Also write each closed session.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var session in Targets())
            {
                if (!ShouldProcess(session.ToString(), "Close TCP session")) continue;
                var leftover = session.Close();
                WriteVerbose($"Closed session {session.Id} to {session.Target}: {session.BytesSent} bytes sent, {session.BytesReceived} received, " +
                             $"{leftover?.BytesReceived ?? 0} left that no reply took.");
                if (leftover != null) WriteObject(leftover);
                if (PassThru) WriteObject(session);
            }
        }

        private IEnumerable<TcpSession> Targets()
        {
            switch (ParameterSetName)
            {
                case "All":
                    return TcpSessionRegistry.All();
                case "Id":
                    var foreign = ForeignObjects.Refuse(PipelineObject, "TCP session", $"Disconnect-TcpSession -Id {string.Join(",", Id)}");
                    if (foreign != null)
                    {
                        WriteError(foreign);
                        return Enumerable.Empty<TcpSession>();
                    }
                    var errors = new List<ErrorRecord>();
                    var found = SessionLookup.ById(Id, errors);
                    errors.ForEach(WriteError);
                    return found;
                default:
                    return Session.Where(s => s != null);
            }
        }
    }
}

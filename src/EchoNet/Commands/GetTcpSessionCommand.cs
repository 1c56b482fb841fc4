using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>
    /// Lists the open TCP sessions of this PowerShell process (every runspace's), with
    /// -IncludeClosed also those closed by the peer or a failure but not yet disconnected, or
    /// those with the given Ids (whatever their state).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TcpSession")]
    [OutputType(typeof(TcpSession))]
    public sealed class GetTcpSessionCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public int[] Id { get; set; }

        /// <summary>Also list sessions that are closed (by the peer or a failure) but not yet disconnected.</summary>
        [Parameter]
        public SwitchParameter IncludeClosed { get; set; }

        protected override void ProcessRecord()
        {
            if (Id == null)
            {
                var all = TcpSessionRegistry.All();
                var listed = IncludeClosed ? all : all.Where(s => s.State == TcpSessionState.Open).ToList();
                WriteVerbose($"{all.Count(s => s.State == TcpSessionState.Open)} open session(s) in this process, {all.Count} not disconnected.");
                WriteObject(listed, true);
                return;
            }
            var errors = new List<ErrorRecord>();
            var found = SessionLookup.ById(Id, errors);
            errors.ForEach(WriteError);
            WriteObject(found, true);
        }
    }
}

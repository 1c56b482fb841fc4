using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>Lists the open TCP sessions of this PowerShell process (every runspace's), or those with the given Ids.</summary>
    [Cmdlet(VerbsCommon.Get, "TcpSession")]
    [OutputType(typeof(TcpSession))]
    public sealed class GetTcpSessionCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public int[] Id { get; set; }

        protected override void ProcessRecord()
        {
            if (Id == null)
            {
                var all = TcpSessionRegistry.All();
                WriteVerbose($"{all.Count} open session(s) in this process.");
                WriteObject(all, true);
                return;
            }
            var errors = new List<ErrorRecord>();
            var found = SessionLookup.ById(Id, errors);
            errors.ForEach(WriteError);
            WriteObject(found, true);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Completion;
using EchoNet.ErrorRecords;

namespace EchoNet.Commands
{
    /// <summary>Lists the echo servers running in this session, all or by Id or port.</summary>
    [Cmdlet(VerbsCommon.Get, "EchoServer", DefaultParameterSetName = "All")]
    [OutputType(typeof(EchoServer))]
    public sealed class GetEchoServerCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "Id", Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ServerIdCompleter))]
        public int[] Id { get; set; }

        [Parameter(ParameterSetName = "Port", Mandatory = true)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        [ValidateRange(1, 65535)]
        public int[] Port { get; set; }

        protected override void ProcessRecord()
        {
            var servers = EchoServerRegistry.All();
            WriteVerbose($"{servers.Count()} echo server(s) in this PowerShell process.");
            switch (ParameterSetName)
            {
                case "Id":
                    var errors = new List<ErrorRecord>();
                    WriteObject(ServerLookup.ById(Id, errors), true);
                    errors.ForEach(WriteError);
                    break;
                case "Port":
                    foreach (var port in Port)
                    {
                        var matches = servers.Where(s => s.LocalEndPoints.Any(e => e.Port == port)).ToList();
                        if (matches.Count == 0)
                            WriteError(ServerLookup.NotFound($"No echo server listens on port {port}.", port));
                        WriteObject(matches, true);
                    }
                    break;
                default:
                    WriteObject(servers, true);
                    break;
            }
        }
    }
}

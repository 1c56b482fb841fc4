using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Completion;

namespace EchoNet.Planning
{
    /// <summary>
    /// The target parameters Test-TcpPort and Measure-Throughput share, as the Send-* cmdlets have
    /// them (-ComputerName, default localhost, × -Port, or "host:port"), resolved through the one
    /// resolver. Parameters only: the cmdlets call <see cref="Targets"/>, never the reverse.
    /// </summary>
    public abstract class TargetCommand : ClientCommand
    {
        /// <summary>Host names or addresses; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = { "localhost" };

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int[] Port { get; set; }

        /// <summary>This record's targets; an error for each name that gives none.</summary>
        protected IReadOnlyList<ClientTarget> Targets() => ResolveTargets(ComputerName, Port);
    }
}

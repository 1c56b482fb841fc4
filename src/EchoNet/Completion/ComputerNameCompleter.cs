using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EchoNet.Client;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -ComputerName: this machine's names, the hosts of open sessions, and "host:port" of the servers running here.</summary>
    internal sealed class ComputerNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("localhost", "This machine"),
                new KeyValuePair<string, string>("127.0.0.1", "This machine, IPv4 loopback"),
                new KeyValuePair<string, string>("::1", "This machine, IPv6 loopback"),
            };
            names.AddRange(TcpSessionRegistry.All().Select(s => new KeyValuePair<string, string>(s.ComputerName, "Host of " + s)));
            names.AddRange(EchoServerRegistry.All().Select(s => new KeyValuePair<string, string>("localhost:" + s.Port, s.ToString())));
            return TextCompletions.Matching(wordToComplete, names);
        }
    }
}

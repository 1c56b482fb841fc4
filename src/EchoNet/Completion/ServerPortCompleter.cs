using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -Port (send cmdlets, Get-EchoServer): the ports of the EchoNet servers running now that speak the command's protocol.</summary>
    internal sealed class ServerPortCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            // The send cmdlets name their protocol; Get-EchoServer and the like take every server.
            var name = commandName ?? string.Empty;
            var protocol = name.IndexOf("Udp", StringComparison.OrdinalIgnoreCase) >= 0 ? EchoProtocol.Udp
                : name.IndexOf("Tcp", StringComparison.OrdinalIgnoreCase) >= 0 ? EchoProtocol.Tcp
                : EchoProtocol.Tcp | EchoProtocol.Udp;
            return NumberCompletions.Matching(wordToComplete, EchoServerRegistry.All()
                .Where(s => (s.Protocol & protocol) != 0)
                .GroupBy(s => s.Port)
                .Select(g => new KeyValuePair<int, string>(g.Key, string.Join("; ", g.Select(s => s.ToString())))));
        }
    }
}

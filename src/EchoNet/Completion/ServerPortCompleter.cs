using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -Port of the send cmdlets: the ports of the EchoNet servers running now that speak the command's protocol.</summary>
    internal sealed class ServerPortCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var protocol = (commandName ?? string.Empty).IndexOf("Udp", StringComparison.OrdinalIgnoreCase) >= 0 ? EchoProtocol.Udp : EchoProtocol.Tcp;
            return NumberCompletions.Matching(wordToComplete, EchoServerRegistry.All()
                .Where(s => (s.Protocol & protocol) != 0)
                .GroupBy(s => s.Port)
                .Select(g => new KeyValuePair<int, string>(g.Key, string.Join("; ", g.Select(s => s.ToString())))));
        }
    }
}

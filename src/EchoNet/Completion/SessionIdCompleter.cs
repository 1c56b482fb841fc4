using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EchoNet.Client;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -Id of the session cmdlets: the sessions open now, with their target as tooltip.</summary>
    internal sealed class SessionIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return NumberCompletions.Matching(wordToComplete,
                TcpSessionRegistry.All().Select(s => new KeyValuePair<int, string>(s.Id, s.ToString())));
        }
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -Id: the servers running now, with their endpoints as tooltip.</summary>
    internal sealed class ServerIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return NumberCompletions.Matching(wordToComplete,
                EchoServerRegistry.All().Select(s => new KeyValuePair<int, string>(s.Id, s.ToString())));
        }
    }
}

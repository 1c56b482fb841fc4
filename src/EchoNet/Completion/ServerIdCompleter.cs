using System.Collections;
using System.Collections.Generic;
using System.Globalization;
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
            var prefix = wordToComplete ?? string.Empty;
            return EchoServerRegistry.All()
                .Select(s => new { Server = s, Text = s.Id.ToString(CultureInfo.InvariantCulture) })
                .Where(x => x.Text.StartsWith(prefix, System.StringComparison.Ordinal))
                .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue, x.Server.ToString()));
        }
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Globalization;
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
            var prefix = wordToComplete ?? string.Empty;
            return TcpSessionRegistry.All()
                .Select(s => new { Session = s, Text = s.Id.ToString(CultureInfo.InvariantCulture) })
                .Where(x => x.Text.StartsWith(prefix, System.StringComparison.Ordinal))
                .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue, x.Session.ToString()));
        }
    }
}

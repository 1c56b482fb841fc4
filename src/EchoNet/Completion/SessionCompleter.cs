using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EchoNet.Client;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for -Session: each open session as (Get-TcpSession -Id N), its target as tooltip.</summary>
    internal sealed class SessionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = wordToComplete ?? string.Empty;
            return TcpSessionRegistry.All()
                .Select(s => new { Text = $"(Get-TcpSession -Id {s.Id})", Tip = s.ToString(), Id = s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                .Where(x => typed.Length == 0 || x.Id.StartsWith(typed, System.StringComparison.Ordinal) || x.Text.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
                .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue, x.Tip));
        }
    }
}

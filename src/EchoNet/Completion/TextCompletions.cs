using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EchoNet.Completion
{
    /// <summary>What the text completers share: offer the values that start with what was typed (any case), once each, quoted when needed.</summary>
    internal static class TextCompletions
    {
        public static IEnumerable<CompletionResult> Matching(string wordToComplete, IEnumerable<KeyValuePair<string, string>> valuesAndTips)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return valuesAndTips
                .Where(x => x.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .Select(x => new CompletionResult(Quoted(x.Key), x.Key, CompletionResultType.ParameterValue, x.Value));
        }

        // '*' and a bare IPv6 literal's ':' read fine unquoted; spaces, $ or quotes would not.
        private static string Quoted(string value) =>
            value.IndexOfAny(new[] { ' ', '$', '\'', '"', '`', '(', ')', ';', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace EchoNet.Completion
{
    /// <summary>What the number completers share: offer the numbers that start with what was typed, each with a tooltip.</summary>
    internal static class NumberCompletions
    {
        public static IEnumerable<CompletionResult> Matching(string wordToComplete, IEnumerable<KeyValuePair<int, string>> numbersAndTips)
        {
            var prefix = wordToComplete ?? string.Empty;
            return numbersAndTips
                .Select(x => new { Text = x.Key.ToString(CultureInfo.InvariantCulture), Tip = x.Value })
                .Where(x => x.Text.StartsWith(prefix, StringComparison.Ordinal))
                .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue, x.Tip));
        }
    }
}

using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// "Generate a regular expression and name list" (1.3), written for .NET: the same structure the
    /// Standard gives (one capturing group per matching group, numbered 1..n in order, prefixes and
    /// suffixes outside it, the repeat form for '*' and '+'), with '^...\z' anchors, the segment
    /// wildcard as a negated class, the full wildcard as "any but line terminators", literals as
    /// \uXXXX and regexp parts through <see cref="JsRegexTranslator"/>.
    /// </summary>
    internal static class PatternRegexGenerator
    {
        private const string FullWildcard = "[^\\n\\r\\u2028\\u2029]*";
        private const string FullWildcardNonEmpty = "[^\\n\\r\\u2028\\u2029]+";

        public static string Generate(IReadOnlyList<PatternPart> parts, PatternOptions options, string component,
            List<string> names, out bool needsBacktracking)
        {
            needsBacktracking = false;
            var result = new StringBuilder("^");
            foreach (var part in parts)
            {
                if (part.Type == PatternPartType.FixedText)
                {
                    if (part.Modifier == PatternModifier.None)
                    {
                        RegexEscaping.AppendDotNetLiteral(result, part.Value);
                    }
                    else
                    {
                        result.Append("(?:");
                        RegexEscaping.AppendDotNetLiteral(result, part.Value);
                        result.Append(')').Append(PatternPart.ModifierText(part.Modifier));
                    }
                    continue;
                }
                names.Add(part.Name);
                string value;
                if (part.Type == PatternPartType.SegmentWildcard) value = SegmentWildcard(options);
                else if (part.Type == PatternPartType.FullWildcard) value = FullWildcard;
                else
                {
                    value = JsRegexTranslator.Translate(part.Value, component, out bool backtracking);
                    needsBacktracking |= backtracking;
                }
                string modifier = PatternPart.ModifierText(part.Modifier);
                bool repeats = part.Modifier == PatternModifier.ZeroOrMore || part.Modifier == PatternModifier.OneOrMore;
                if (part.Prefix.Length == 0 && part.Suffix.Length == 0)
                {
                    // JavaScript fails an optional iteration that matches the empty string, so
                    // "(.*)?" leaves its group undefined where .NET would capture "": say ".+".
                    if (part.Modifier == PatternModifier.Optional && part.Type == PatternPartType.FullWildcard) value = FullWildcardNonEmpty;
                    if (!repeats) result.Append('(').Append(value).Append(')').Append(modifier);
                    else result.Append("((?:").Append(value).Append(')').Append(modifier).Append(')');
                    continue;
                }
                if (!repeats)
                {
                    result.Append("(?:");
                    RegexEscaping.AppendDotNetLiteral(result, part.Prefix);
                    result.Append('(').Append(value).Append(')');
                    RegexEscaping.AppendDotNetLiteral(result, part.Suffix);
                    result.Append(')').Append(modifier);
                    continue;
                }
                result.Append("(?:");
                RegexEscaping.AppendDotNetLiteral(result, part.Prefix);
                result.Append("((?:").Append(value).Append(")(?:");
                RegexEscaping.AppendDotNetLiteral(result, part.Suffix);
                RegexEscaping.AppendDotNetLiteral(result, part.Prefix);
                result.Append("(?:").Append(value).Append("))*)");
                RegexEscaping.AppendDotNetLiteral(result, part.Suffix);
                result.Append(')');
                if (part.Modifier == PatternModifier.ZeroOrMore) result.Append('?');
            }
            result.Append("\\z");
            return result.ToString();
        }

        /// <summary>[^delimiter]+? ; with no delimiter JavaScript's [^] (any code point) becomes [\s\S].</summary>
        private static string SegmentWildcard(PatternOptions options)
        {
            if (options.Delimiter.Length == 0) return "[\\s\\S]+?";
            var sb = new StringBuilder("[^");
            RegexEscaping.AppendDotNetLiteral(sb, options.Delimiter);
            return sb.Append("]+?").ToString();
        }
    }
}

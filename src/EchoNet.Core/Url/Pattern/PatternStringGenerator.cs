using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>"Generate a pattern string" (1.4): a part list back into its normalized pattern string.</summary>
    internal static class PatternStringGenerator
    {
        public static string Generate(IReadOnlyList<PatternPart> parts, PatternOptions options)
        {
            var result = new StringBuilder();
            for (int index = 0; index < parts.Count; index++)
            {
                var part = parts[index];
                var previous = index > 0 ? parts[index - 1] : null;
                var next = index < parts.Count - 1 ? parts[index + 1] : null;
                if (part.Type == PatternPartType.FixedText)
                {
                    if (part.Modifier == PatternModifier.None)
                    {
                        result.Append(RegexEscaping.EscapePatternString(part.Value));
                        continue;
                    }
                    result.Append('{').Append(RegexEscaping.EscapePatternString(part.Value)).Append('}')
                        .Append(PatternPart.ModifierText(part.Modifier));
                    continue;
                }

                bool customName = !(part.Name[0] >= '0' && part.Name[0] <= '9');
                bool needsGrouping = part.Suffix.Length != 0 || (part.Prefix.Length != 0 && part.Prefix != options.Prefix);
                if (!needsGrouping && customName && part.Type == PatternPartType.SegmentWildcard && part.Modifier == PatternModifier.None
                    && next != null && next.Prefix.Length == 0 && next.Suffix.Length == 0)
                {
                    if (next.Type == PatternPartType.FixedText)
                        needsGrouping = next.Value.Length > 0 && NameCodePoints.IsValid(FirstCodePoint(next.Value), first: false);
                    else
                        needsGrouping = next.Name[0] >= '0' && next.Name[0] <= '9';
                }
                if (!needsGrouping && part.Prefix.Length == 0 && previous != null && previous.Type == PatternPartType.FixedText
                    && previous.Value.Length > 0 && options.Prefix.Length > 0 && previous.Value[previous.Value.Length - 1] == options.Prefix[0])
                {
                    needsGrouping = true;
                }

                if (needsGrouping) result.Append('{');
                result.Append(RegexEscaping.EscapePatternString(part.Prefix));
                if (customName) result.Append(':').Append(part.Name);
                if (part.Type == PatternPartType.Regexp)
                {
                    result.Append('(').Append(part.Value).Append(')');
                }
                else if (part.Type == PatternPartType.SegmentWildcard && !customName)
                {
                    result.Append('(').Append(options.SegmentWildcardRegexp).Append(')');
                }
                else if (part.Type == PatternPartType.FullWildcard)
                {
                    if (!customName && (previous == null || previous.Type == PatternPartType.FixedText || previous.Modifier != PatternModifier.None
                        || needsGrouping || part.Prefix.Length != 0))
                    {
                        result.Append('*');
                    }
                    else
                    {
                        result.Append('(').Append(RegexEscaping.FullWildcardRegexp).Append(')');
                    }
                }
                if (part.Type == PatternPartType.SegmentWildcard && customName && part.Suffix.Length != 0
                    && NameCodePoints.IsValid(FirstCodePoint(part.Suffix), first: false))
                {
                    result.Append('\\');
                }
                result.Append(RegexEscaping.EscapePatternString(part.Suffix));
                if (needsGrouping) result.Append('}');
                result.Append(PatternPart.ModifierText(part.Modifier));
            }
            return result.ToString();
        }

        private static int FirstCodePoint(string s) =>
            char.IsHighSurrogate(s[0]) && s.Length > 1 && char.IsLowSurrogate(s[1]) ? char.ConvertToUtf32(s[0], s[1]) : s[0];
    }
}

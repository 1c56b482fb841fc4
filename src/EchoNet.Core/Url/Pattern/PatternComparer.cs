using System;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The proposed compareComponent(): part lists compared part by part, by type (fixed text &gt;
    /// regexp &gt; segment wildcard &gt; full wildcard), then modifier (none &gt; '+' &gt; '?' &gt; '*'),
    /// then prefix, value and suffix as strings. Names do not count. A list that is longer is
    /// compared at its next part against empty fixed text.
    /// </summary>
    internal static class PatternComparer
    {
        private static readonly PatternPart EmptyFixed = new PatternPart(PatternPartType.FixedText, string.Empty, PatternModifier.None);

        public static int Compare(UrlPatternComponent left, UrlPatternComponent right)
        {
            var l = left.Parts;
            var r = right.Parts;
            int common = Math.Min(l.Count, r.Count);
            for (int i = 0; i < common; i++)
            {
                int order = ComparePart(l[i], r[i]);
                if (order != 0) return order;
            }
            if (l.Count == r.Count) return 0;
            return l.Count > r.Count ? ComparePart(l[common], EmptyFixed) : ComparePart(EmptyFixed, r[common]);
        }

        private static int ComparePart(PatternPart left, PatternPart right)
        {
            if (left.Type != right.Type) return TypeRank(left.Type) < TypeRank(right.Type) ? -1 : 1;
            if (left.Modifier != right.Modifier) return ModifierRank(left.Modifier) < ModifierRank(right.Modifier) ? -1 : 1;
            int order = Sign(string.CompareOrdinal(left.Prefix, right.Prefix));
            if (order == 0) order = Sign(string.CompareOrdinal(left.Value, right.Value));
            if (order == 0) order = Sign(string.CompareOrdinal(left.Suffix, right.Suffix));
            return order;
        }

        private static int TypeRank(PatternPartType type)
        {
            switch (type)
            {
                case PatternPartType.FullWildcard: return 0;
                case PatternPartType.SegmentWildcard: return 1;
                case PatternPartType.Regexp: return 2;
                default: return 3;
            }
        }

        private static int ModifierRank(PatternModifier modifier)
        {
            switch (modifier)
            {
                case PatternModifier.ZeroOrMore: return 0;
                case PatternModifier.Optional: return 1;
                case PatternModifier.OneOrMore: return 2;
                default: return 3;
            }
        }

        private static int Sign(int value) => value < 0 ? -1 : value > 0 ? 1 : 0;
    }
}

namespace EchoNet.Url.Pattern
{
    /// <summary>A part's type (1.2.3 Parts).</summary>
    internal enum PatternPartType
    {
        FixedText,
        Regexp,
        SegmentWildcard,
        FullWildcard,
    }

    /// <summary>A part's modifier: none, '?', '*' or '+'.</summary>
    internal enum PatternModifier
    {
        None,
        Optional,
        ZeroOrMore,
        OneOrMore,
    }

    /// <summary>
    /// One piece of a parsed pattern string: fixed text, or one matching group with its fixed
    /// prefix and suffix and a modifier. Value is the fixed text, or the regexp of a regexp part.
    /// </summary>
    internal sealed class PatternPart
    {
        public PatternPart(PatternPartType type, string value, PatternModifier modifier, string name = "", string prefix = "", string suffix = "")
        {
            Type = type;
            Value = value;
            Modifier = modifier;
            Name = name;
            Prefix = prefix;
            Suffix = suffix;
        }

        public PatternPartType Type { get; }
        public string Value { get; }
        public PatternModifier Modifier { get; }
        public string Name { get; }
        public string Prefix { get; }
        public string Suffix { get; }

        public static string ModifierText(PatternModifier modifier)
        {
            switch (modifier)
            {
                case PatternModifier.ZeroOrMore: return "*";
                case PatternModifier.Optional: return "?";
                case PatternModifier.OneOrMore: return "+";
                default: return string.Empty;
            }
        }
    }
}

namespace EchoNet.Url.Pattern
{
    /// <summary>The token types of the URL Pattern Standard (1.2.1 Tokens).</summary>
    internal enum PatternTokenType
    {
        InvalidChar,
        Open,
        Close,
        Regexp,
        Name,
        Char,
        EscapedChar,
        OtherModifier,
        Asterisk,
        End,
    }

    /// <summary>
    /// One lexical token of a pattern string: its type, the code point index where it starts, and
    /// the code points it stands for (for a name, without the ':'; for a regexp, without the parentheses).
    /// </summary>
    internal sealed class PatternToken
    {
        public PatternToken(PatternTokenType type, int index, string value)
        {
            Type = type;
            Index = index;
            Value = value;
        }

        public PatternTokenType Type { get; }

        /// <summary>Code point index of the token's first code point in the pattern string.</summary>
        public int Index { get; }

        public string Value { get; }
    }
}

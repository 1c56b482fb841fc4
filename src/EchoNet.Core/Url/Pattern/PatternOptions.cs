namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The Standard's options (1.2.4): the delimiter that a named group stops at, the prefix that
    /// a modifier takes along, and whether matching ignores case.
    /// </summary>
    internal sealed class PatternOptions
    {
        public PatternOptions(string delimiter, string prefix, bool ignoreCase)
        {
            Delimiter = delimiter;
            Prefix = prefix;
            IgnoreCase = ignoreCase;
        }

        public string Delimiter { get; }
        public string Prefix { get; }
        public bool IgnoreCase { get; }

        public static readonly PatternOptions Default = new PatternOptions(string.Empty, string.Empty, false);
        public static readonly PatternOptions Hostname = new PatternOptions(".", string.Empty, false);
        public static readonly PatternOptions Pathname = new PatternOptions("/", "/", false);

        public PatternOptions WithIgnoreCase(bool ignoreCase) =>
            ignoreCase == IgnoreCase ? this : new PatternOptions(Delimiter, Prefix, ignoreCase);

        /// <summary>"Generate a segment wildcard regexp", as the Standard writes it (for pattern strings).</summary>
        public string SegmentWildcardRegexp => "[^" + RegexEscaping.EscapeRegexpString(Delimiter) + "]+?";
    }
}

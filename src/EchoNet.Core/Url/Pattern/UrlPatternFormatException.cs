using System;

namespace EchoNet
{
    /// <summary>
    /// A URL pattern that cannot be built (where the Standard throws a TypeError): the pattern,
    /// the component it failed in (null when no single component is to blame), the code point
    /// position within that component's pattern string (-1 when none applies) and the reason.
    /// </summary>
    public sealed class UrlPatternFormatException : FormatException
    {
        public UrlPatternFormatException(string component, string pattern, int position, string reason)
            : base(BuildMessage(component, pattern, position, reason))
        {
            Component = component;
            Pattern = pattern;
            Position = position;
            Reason = reason;
        }

        /// <summary>The component ("protocol" ... "hash"), or null for the pattern as a whole.</summary>
        public string Component { get; }

        /// <summary>The text that failed: the component's pattern string, or the whole pattern.</summary>
        public string Pattern { get; }

        /// <summary>Code point index in <see cref="Pattern"/> where the failure lies, or -1.</summary>
        public int Position { get; }

        public string Reason { get; }

        private static string BuildMessage(string component, string pattern, int position, string reason)
        {
            string where = component == null ? "URL pattern" : $"{component} pattern";
            string shown = pattern == null ? string.Empty : $" '{(pattern.Length <= 200 ? pattern : pattern.Substring(0, 200) + "...")}'";
            string at = position >= 0 ? $" at position {position}" : string.Empty;
            return $"Invalid {where}{shown}{at}: {reason}";
        }
    }
}

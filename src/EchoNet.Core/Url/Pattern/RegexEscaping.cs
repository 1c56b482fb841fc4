using System.Globalization;
using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The Standard's two escapes ("escape a regexp string" for the JavaScript regexp it writes,
    /// "escape a pattern string" for generated pattern strings), and the literal escape for the
    /// .NET regular expressions that actually run.
    /// </summary>
    internal static class RegexEscaping
    {
        /// <summary>The full wildcard regexp value, ".*".</summary>
        public const string FullWildcardRegexp = ".*";

        public static string EscapeRegexpString(string input) => Escape(input, ".+*?^${}()[]|/\\");

        public static string EscapePatternString(string input) => Escape(input, "+*?:{}()\\");

        private static string Escape(string input, string special)
        {
            StringBuilder sb = null;
            for (int i = 0; i < input.Length; i++)
            {
                char c = input[i];
                if (special.IndexOf(c) >= 0)
                {
                    if (sb == null) sb = new StringBuilder(input, 0, i, input.Length + 8);
                    sb.Append('\\');
                }
                sb?.Append(c);
            }
            return sb?.ToString() ?? input;
        }

        /// <summary>
        /// A literal for a .NET pattern: ASCII letters, digits and the punctuation that is never
        /// special (inside a class or out) as they are, anything else as \uXXXX. Plain text matters:
        /// .NET's regex parser joins each escaped character to the literal before it by copying,
        /// so a long run of escapes costs time quadratic in its length (a path of 12,000 escaped
        /// characters allocated 140 MB).
        /// </summary>
        public static void AppendDotNetLiteral(StringBuilder sb, string text)
        {
            foreach (char c in text) AppendDotNetLiteral(sb, c);
        }

        // Never special in a .NET pattern without RegexOptions.IgnorePatternWhitespace: not in
        // \ * + ? | { } [ ] ( ) ^ $ . # - (the '-' only inside a class) nor white space.
        private const string PlainPunctuation = "/_~%!&',;=:@<>\"`";

        public static void AppendDotNetLiteral(StringBuilder sb, char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PlainPunctuation.IndexOf(c) >= 0) sb.Append(c);
            else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }
}

using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url
{
    /// <summary>
    /// Path-segment rules of the URL Standard: single- and double-dot segments (also when
    /// written as %2e), Windows drive letters in file URLs, and shortening a path.
    /// Segments are kept percent-encoded, so "%2e" is checked textually, case-insensitively.
    /// </summary>
    internal static class PathSegments
    {
        /// <summary>"." or "%2e" (any case).</summary>
        public static bool IsSingleDot(StringBuilder s) =>
            (s.Length == 1 && s[0] == '.') || (s.Length == 3 && IsEncodedDot(s, 0));

        /// <summary>"..", ".%2e", "%2e." or "%2e%2e" (any case).</summary>
        public static bool IsDoubleDot(StringBuilder s)
        {
            switch (s.Length)
            {
                case 2: return s[0] == '.' && s[1] == '.';
                case 4: return (s[0] == '.' && IsEncodedDot(s, 1)) || (IsEncodedDot(s, 0) && s[3] == '.');
                case 6: return IsEncodedDot(s, 0) && IsEncodedDot(s, 3);
                default: return false;
            }
        }

        private static bool IsEncodedDot(StringBuilder s, int at) =>
            s[at] == '%' && s[at + 1] == '2' && (s[at + 2] | 0x20) == 'e';

        /// <summary>A Windows drive letter: an ASCII letter followed by ':' or '|'.</summary>
        public static bool IsWindowsDriveLetter(StringBuilder s) =>
            s.Length == 2 && CodePoints.IsAsciiAlpha(s[0]) && (s[1] == ':' || s[1] == '|');

        /// <summary>A normalized Windows drive letter: an ASCII letter followed by ':'.</summary>
        public static bool IsNormalizedWindowsDriveLetter(string s) =>
            s.Length == 2 && CodePoints.IsAsciiAlpha(s[0]) && s[1] == ':';

        /// <summary>Whether <c>input[start..end)</c> starts with a Windows drive letter that ends there or before / \ ? #.</summary>
        public static bool StartsWithWindowsDriveLetter(string input, int start, int end)
        {
            if (end - start < 2 || !CodePoints.IsAsciiAlpha(input[start]) || (input[start + 1] != ':' && input[start + 1] != '|'))
                return false;
            if (end - start == 2) return true;
            char third = input[start + 2];
            return third == '/' || third == '\\' || third == '?' || third == '#';
        }

        /// <summary>"Shorten a URL's path": drop the last segment, but never a file URL's lone drive letter.</summary>
        public static void Shorten(List<string> path, string scheme)
        {
            if (scheme == SpecialSchemes.File && path.Count == 1 && IsNormalizedWindowsDriveLetter(path[0])) return;
            if (path.Count > 0) path.RemoveAt(path.Count - 1);
        }
    }
}

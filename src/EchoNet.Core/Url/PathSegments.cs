using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// Path-segment rules of the URL Standard: single- and double-dot segments (also when
    /// written as %2e), Windows drive letters in file URLs. Segments are kept percent-encoded
    /// (they are read back from the href being built), so "%2e" is checked textually,
    /// case-insensitively.
    /// </summary>
    internal static class PathSegments
    {
        /// <summary>"." or "%2e" (any case), at <c>s[start..start+length)</c>.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsSingleDot(UrlBuilder s, int start, int length) =>
            (length == 1 && s[start] == '.') || (length == 3 && IsEncodedDot(s, start));

        /// <summary>"..", ".%2e", "%2e." or "%2e%2e" (any case), at <c>s[start..start+length)</c>.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsDoubleDot(UrlBuilder s, int start, int length)
        {
            switch (length)
            {
                case 2: return s[start] == '.' && s[start + 1] == '.';
                case 4: return (s[start] == '.' && IsEncodedDot(s, start + 1)) || (IsEncodedDot(s, start) && s[start + 3] == '.');
                case 6: return IsEncodedDot(s, start) && IsEncodedDot(s, start + 3);
                default: return false;
            }
        }

        [MethodImpl(Tiering.Inline)]
        private static bool IsEncodedDot(UrlBuilder s, int at) =>
            s[at] == '%' && s[at + 1] == '2' && (s[at + 2] | 0x20) == 'e';

        /// <summary>A Windows drive letter: an ASCII letter followed by ':' or '|'.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsWindowsDriveLetter(UrlBuilder s, int start, int length) =>
            length == 2 && CodePoints.IsAsciiAlpha(s[start]) && (s[start + 1] == ':' || s[start + 1] == '|');

        /// <summary>The same test on <c>s[start..end)</c>.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsWindowsDriveLetter(string s, int start, int end) =>
            end - start == 2 && CodePoints.IsAsciiAlpha(s[start]) && (s[start + 1] == ':' || s[start + 1] == '|');

        /// <summary>
        /// Whether the serialized path <c>s[start..end)</c> ("/seg/seg...") has a first segment that is
        /// a normalized Windows drive letter (an ASCII letter followed by ':').
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        public static bool StartsWithNormalizedDriveLetterSegment(string s, int start, int end) =>
            end - start >= 3 && s[start] == '/' && CodePoints.IsAsciiAlpha(s[start + 1]) && s[start + 2] == ':'
            && (end - start == 3 || s[start + 3] == '/');

        /// <summary>Whether <c>input[start..end)</c> starts with a Windows drive letter that ends there or before / \ ? #.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool StartsWithWindowsDriveLetter(string input, int start, int end)
        {
            if (end - start < 2 || !CodePoints.IsAsciiAlpha(input[start]) || (input[start + 1] != ':' && input[start + 1] != '|'))
                return false;
            if (end - start == 2) return true;
            char third = input[start + 2];
            return third == '/' || third == '\\' || third == '?' || third == '#';
        }
    }
}

namespace EchoNet.Url
{
    /// <summary>
    /// The Infra and URL Standard code point classes the parser tests one char at a time.
    /// Everything here is ASCII-only on purpose: the Standard's classes that matter for parsing
    /// decisions are all ASCII, and non-ASCII is always percent-encoded or handed to IDNA.
    /// </summary>
    internal static class CodePoints
    {
        /// <summary>Stands for the Standard's EOF code point in the parser loop.</summary>
        public const int Eof = -1;

        public static bool IsAsciiDigit(int c) => c >= '0' && c <= '9';

        public static bool IsAsciiAlpha(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

        public static bool IsAsciiAlphanumeric(int c) => IsAsciiDigit(c) || IsAsciiAlpha(c);

        public static bool IsAsciiHexDigit(int c) => IsAsciiDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');

        /// <summary>Value of an ASCII hex digit, or -1.</summary>
        public static int HexValue(int c)
        {
            if (IsAsciiDigit(c)) return c - '0';
            int lower = c | 0x20;
            return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
        }

        public static char ToAsciiLower(int c) => (char)(c >= 'A' && c <= 'Z' ? c + 0x20 : c);

        /// <summary>C0 control or space: what the parser trims from both ends of its input.</summary>
        public static bool IsC0ControlOrSpace(int c) => c >= 0 && c <= 0x20;

        public static bool IsAsciiTabOrNewline(int c) => c == '\t' || c == '\n' || c == '\r';

        /// <summary>Code points that may not appear in an opaque host.</summary>
        public static bool IsForbiddenHostCodePoint(int c)
        {
            switch (c)
            {
                case 0x00: case '\t': case '\n': case '\r': case ' ': case '#': case '/': case ':':
                case '<': case '>': case '?': case '@': case '[': case '\\': case ']': case '^': case '|':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Code points that may not appear in a domain after domain to ASCII.</summary>
        public static bool IsForbiddenDomainCodePoint(int c) =>
            IsForbiddenHostCodePoint(c) || (c >= 0 && c <= 0x1F) || c == '%' || c == 0x7F;
    }
}

using System.Runtime.CompilerServices;

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

        [MethodImpl(Tiering.Inline)]
        public static bool IsAsciiDigit(int c) => c >= '0' && c <= '9';

        [MethodImpl(Tiering.Inline)]
        public static bool IsAsciiAlpha(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

        [MethodImpl(Tiering.Inline)]
        public static bool IsAsciiAlphanumeric(int c) => IsAsciiDigit(c) || IsAsciiAlpha(c);

        [MethodImpl(Tiering.Inline)]
        public static bool IsAsciiHexDigit(int c) => IsAsciiDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');

        /// <summary>Value of an ASCII hex digit, or -1.</summary>
        [MethodImpl(Tiering.Inline)]
        public static int HexValue(int c)
        {
            if (IsAsciiDigit(c)) return c - '0';
            int lower = c | 0x20;
            return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
        }

        /// <summary>What a scheme is made of after its first letter: ASCII alphanumerics, '+', '-' and '.'.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsSchemeCodePoint(int c) => IsAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.';

        [MethodImpl(Tiering.Inline)]
        public static char ToAsciiLower(int c) => (char)(c >= 'A' && c <= 'Z' ? c + 0x20 : c);

        /// <summary>C0 control or space: what the parser trims from both ends of its input.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsC0ControlOrSpace(int c) => c >= 0 && c <= 0x20;

        [MethodImpl(Tiering.Inline)]
        public static bool IsAsciiTabOrNewline(int c) => c == '\t' || c == '\n' || c == '\r';

        /// <summary>Code points that may not appear in an opaque host.</summary>
        [MethodImpl(Tiering.Inline)]
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

        /// <summary>How an ASCII code point may stand in a domain that needs no IDNA processing.</summary>
        public enum DomainClass : byte
        {
            /// <summary>Forbidden in a domain, or '%' (which needs percent-decoding first).</summary>
            Other = 0,
            Plain,
            /// <summary>An uppercase ASCII letter: lowercased.</summary>
            Upper,
            /// <summary>'.', the label separator.</summary>
            Dot,
            /// <summary>Allowed, but not by UseSTD3ASCIIRules (which keeps only letters, digits and '-').</summary>
            NotStd3,
        }

        private static readonly DomainClass[] DomainClasses = BuildDomainClasses();

        private static DomainClass[] BuildDomainClasses()
        {
            var table = new DomainClass[0x80];
            for (int c = 0; c < 0x80; c++)
            {
                if (c == '%' || IsForbiddenDomainCodePoint(c)) table[c] = DomainClass.Other;
                else if (c >= 'A' && c <= 'Z') table[c] = DomainClass.Upper;
                else if (c == '.') table[c] = DomainClass.Dot;
                else table[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? DomainClass.Plain : DomainClass.NotStd3;
            }
            return table;
        }

        /// <summary>The class of an ASCII code point (below 0x80).</summary>
        [MethodImpl(Tiering.Inline)]
        public static DomainClass DomainClassOf(char c) => DomainClasses[c];

        /// <summary>What an ASCII code point means while the authority of a URL is scanned.</summary>
        public enum AuthorityClass : byte
        {
            Other = 0,
            /// <summary>'/', '?' or '#': the authority ends.</summary>
            End,
            /// <summary>'\': the authority ends in a special URL.</summary>
            Backslash,
            At,
            Colon,
            OpenBracket,
            CloseBracket,
        }

        private static readonly AuthorityClass[] AuthorityClasses = BuildAuthorityClasses();

        private static AuthorityClass[] BuildAuthorityClasses()
        {
            var table = new AuthorityClass[0x80];
            table['/'] = table['?'] = table['#'] = AuthorityClass.End;
            table['\\'] = AuthorityClass.Backslash;
            table['@'] = AuthorityClass.At;
            table[':'] = AuthorityClass.Colon;
            table['['] = AuthorityClass.OpenBracket;
            table[']'] = AuthorityClass.CloseBracket;
            return table;
        }

        [MethodImpl(Tiering.Inline)]
        public static AuthorityClass AuthorityClassOf(char c) => c < 0x80 ? AuthorityClasses[c] : AuthorityClass.Other;

        /// <summary>Code points that may not appear in a domain after domain to ASCII.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsForbiddenDomainCodePoint(int c) =>
            IsForbiddenHostCodePoint(c) || (c >= 0 && c <= 0x1F) || c == '%' || c == 0x7F;
    }
}

using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// What an already normal component looks like, for <see cref="NormalUrlFastPath"/>: one class
    /// bit per ASCII code point, and the scans that skip a run of such code points, a domain the
    /// host parser keeps as it is, a canonical IPv4 address, a port, and find dot segments.
    /// </summary>
    internal static class NormalScan
    {
        // One bit per class of ASCII code point the scan accepts without a second look.
        public const byte SchemeUnit = 1;      // a-z 0-9 + - .
        public const byte DomainUnit = 2;      // a-z 0-9 - (a label of a domain that domain to ASCII keeps)
        public const byte OpaqueHostUnit = 4;  // URL code points that are not forbidden host code points
        public const byte PathUnit = 8;        // URL code points but '/' and '?'
        public const byte OpaquePathUnit = 16; // URL code points but '?'
        public const byte QueryUnit = 32;      // URL code points
        public const byte SpecialQueryUnit = 64; // URL code points but '\'' (the special-query set encodes it)
        public const byte FragmentUnit = QueryUnit; // URL code points ('#' is not one)
        public const byte SchemeUpperUnit = 128; // A-Z: a scheme the scheme state lowercases

        /// <summary>The class bits of each ASCII code point.</summary>
        public static readonly byte[] Units = BuildUnits();

        private static byte[] BuildUnits()
        {
            var table = new byte[0x80];
            // The ASCII URL code points (URL Standard, "URL code points"), '%' aside.
            const string urlCodePoints = "!$&'()*+,-./:;=?@_~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            foreach (char c in urlCodePoints)
            {
                byte bits = QueryUnit;
                if (c != '\'') bits |= SpecialQueryUnit;
                if (c != '?') bits |= OpaquePathUnit;
                if (c != '?' && c != '/') bits |= PathUnit;
                if (c != ':' && c != '@' && c != '/' && c != '?') bits |= OpaqueHostUnit;
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) bits |= SchemeUnit | DomainUnit;
                if (c == '+' || c == '-' || c == '.') bits |= SchemeUnit;
                if (c >= 'A' && c <= 'Z') bits |= SchemeUpperUnit;
                if (c == '-') bits |= DomainUnit;
                table[c] = bits;
            }
            return table;
        }

        /// <summary>
        /// Skips code points of the class <paramref name="unit"/>, and '%' followed by two hex
        /// digits; returns the index of the first other code point, or the input's length.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static int Skip(string input, int i, byte unit)
        {
            byte[] units = Units;
            while (i < input.Length)
            {
                char c = input[i];
                if (c < (uint)units.Length && (units[c] & unit) != 0)
                {
                    i++;
                }
                else if (c == '%' && i + 2 < input.Length && CodePoints.IsAsciiHexDigit(input[i + 1]) && CodePoints.IsAsciiHexDigit(input[i + 2]))
                {
                    i += 3;
                }
                else
                {
                    break;
                }
            }
            return i;
        }

        /// <summary>
        /// A special URL's host from <paramref name="start"/>: what domain to ASCII leaves as it is
        /// and would pass even when strict (CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength
        /// on: a parse that is not strict-valid draws domain-to-ASCII): labels of 1 to 63 of
        /// <see cref="DomainUnit"/> that neither start nor end with '-' nor have "--" third and
        /// fourth (which also rules out "xn--"), joined by single dots, at most 253 in all, with no
        /// trailing dot. When the last label starts with a digit the host must be a canonical
        /// dotted quad (IPv4). Returns the host's end; <paramref name="type"/> is None when the
        /// host is not proved normal.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static int SkipDomain(string input, int start, out UrlHostType type)
        {
            type = UrlHostType.None;
            byte[] units = Units;
            int i = start, labelStart;
            while (true)
            {
                labelStart = i;
                while (i < input.Length)
                {
                    char c = input[i];
                    if (c >= (uint)units.Length || (units[c] & DomainUnit) == 0) break;
                    i++;
                }
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > 63 || input[labelStart] == '-' || input[i - 1] == '-'
                    || (labelLength >= 4 && input[labelStart + 2] == '-' && input[labelStart + 3] == '-')) return i;
                if (i == input.Length || input[i] != '.') break;
                i++;
            }
            if (i - start > 253) return i;
            if (!CodePoints.IsAsciiDigit(input[labelStart]))
            {
                type = UrlHostType.Domain;
            }
            else if (IsCanonicalIPv4(input, start, i))
            {
                type = UrlHostType.IPv4;
            }
            return i;
        }

        /// <summary>Four decimal parts of 0-255 without leading zeros, as the IPv4 serializer writes them.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool IsCanonicalIPv4(string input, int start, int end)
        {
            int parts = 0, i = start;
            while (true)
            {
                int partStart = i, value = 0;
                while (i < end && CodePoints.IsAsciiDigit(input[i]) && i - partStart < 3)
                {
                    value = value * 10 + (input[i] - '0');
                    i++;
                }
                int digits = i - partStart;
                if (digits == 0 || value > 255 || (digits > 1 && input[partStart] == '0')) return false;
                parts++;
                if (i == end) return parts == 4;
                if (input[i] != '.' || parts == 4) return false;
                i++;
            }
        }

        /// <summary>
        /// A port from <paramref name="start"/>: digits without a leading zero, at most 65535;
        /// <paramref name="port"/> is -1 when there is none or it is not in that form.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static int SkipPort(string input, int start, out int port)
        {
            port = -1;
            int i = start, value = 0;
            while (i < input.Length && CodePoints.IsAsciiDigit(input[i]) && i - start < 5)
            {
                value = value * 10 + (input[i] - '0');
                i++;
            }
            if (i == start || value > 65535 || (i - start > 1 && input[start] == '0')) return i;
            if (i < input.Length && CodePoints.IsAsciiDigit(input[i])) return i;
            port = value;
            return i;
        }

        /// <summary>".", "..", and their forms with "%2e" (any case): the segments the path state removes.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsDotSegment(string input, int start, int end)
        {
            int length = end - start;
            if (length == 0 || length > 6 || (input[start] != '.' && input[start] != '%')) return false;
            int dots = 0;
            for (int i = start; i < end;)
            {
                if (input[i] == '.') i++;
                else if (input[i] == '%' && i + 2 < end + 1 && input[i + 1] == '2' && (input[i + 2] | 0x20) == 'e') i += 3;
                else return false;
                dots++;
            }
            return dots <= 2;
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text;

namespace EchoNet.Url
{
    /// <summary>
    /// UTF-8 percent-encoding and percent-decoding (URL Standard, "Percent-encoded bytes").
    /// Strings are UTF-16: a surrogate pair is one code point, and a lone surrogate becomes
    /// U+FFFD, as UTF-8 encoding a scalar value string requires.
    /// </summary>
    public static class PercentEncoding
    {
        private const string UpperHex = "0123456789ABCDEF";

        /// <summary>Decodes UTF-8 with U+FFFD for bad sequences and never throws.</summary>
        internal static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>UTF-8 percent-encodes every code point of <paramref name="input"/> that is in <paramref name="set"/>.</summary>
        public static string Encode(string input, PercentEncodeSet set)
        {
            if (string.IsNullOrEmpty(input)) return input ?? string.Empty;
            var sb = new StringBuilder(input.Length + 8);
            for (int i = 0; i < input.Length; i++) AppendEncoded(sb, input, ref i, input.Length, set);
            return sb.ToString();
        }

        /// <summary>
        /// Appends the code point at <paramref name="i"/>, percent-encoded when it is in the set.
        /// Leaves <paramref name="i"/> on the last UTF-16 unit it consumed (the low surrogate of a pair).
        /// </summary>
        internal static void AppendEncoded(StringBuilder sb, string s, ref int i, int end, PercentEncodeSet set)
        {
            char ch = s[i];
            if (ch < 0x80)
            {
                if (PercentEncodeSets.Contains(set, ch)) AppendByte(sb, ch);
                else sb.Append(ch);
                return;
            }
            // Every set holds all code points above U+007E, so non-ASCII is always encoded.
            AppendUtf8(sb, ReadCodePoint(s, ref i, end));
        }

        /// <summary>
        /// Appends <c>s[start..end)</c> with every code point in <paramref name="set"/> UTF-8
        /// percent-encoded; runs that need no encoding are copied in one go.
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        internal static void AppendEncoded(UrlBuilder output, string s, int start, int end, PercentEncodeSet set)
        {
            var ignored = default(ValidationErrorLog);
            AppendEncodedUntil(output, s, start, end, set, 0, ref ignored, checkUnits: false);
        }

        /// <summary>
        /// The same, but stops before the first ASCII code point with one of the
        /// <paramref name="stops"/> bits (<see cref="PercentEncodeSets.StopSlash"/> and so on);
        /// returns its index, or <paramref name="end"/>. One pass finds and encodes a component.
        /// With <paramref name="checkUnits"/> the same pass records an invalid-URL-unit for each
        /// code point that is not a URL code point and each '%' not followed by two hex digits, as
        /// the path, opaque path, query and fragment states do for every code point they take.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        internal static int AppendEncodedUntil(UrlBuilder output, string s, int start, int end, PercentEncodeSet set, int stops,
            ref ValidationErrorLog errors, bool checkUnits = true)
        {
            ushort[] membership = PercentEncodeSets.Membership;
            int setBit = 1 << (int)set;
            int checkBit = checkUnits ? PercentEncodeSets.CheckUnit : 0;
            int interesting = setBit | stops | checkBit;
            int run = start;
            for (int i = start; i < end; i++)
            {
                char ch = s[i];
                if (ch < 0x80)
                {
                    int m = membership[ch];
                    if ((m & interesting) == 0) continue;
                    if ((m & stops) != 0)
                    {
                        output.Append(s, run, i - run);
                        return i;
                    }
                    if ((m & checkBit) != 0) CheckAsciiUnit(s, i, end, ref errors);
                    if ((m & setBit) == 0) continue;
                    output.Append(s, run, i - run);
                    AppendByte(output, ch);
                    run = i + 1;
                    continue;
                }
                output.Append(s, run, i - run);
                // Every set holds all code points above U+007E, so non-ASCII is always encoded.
                i = AppendNonAscii(output, s, i, end, checkUnits, ref errors);
                run = i + 1;
            }
            output.Append(s, run, end - run);
            return end;
        }

        /// <summary>An invalid-URL-unit unless <c>s[i]</c> is a '%' followed by two hex digits. Out of the scanning loop.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CheckAsciiUnit(string s, int i, int end, ref ValidationErrorLog errors)
        {
            if (!UrlUnits.IsValidAsciiUnit(s, i, end)) errors.Add(UrlValidationError.InvalidUrlUnit);
        }

        /// <summary>
        /// Percent-encodes the non-ASCII code point at <c>s[i]</c> (and checks it is a URL code
        /// point); returns the index of its last UTF-16 unit. Out of the scanning loop, which then
        /// keeps its index in a register.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static int AppendNonAscii(UrlBuilder output, string s, int i, int end, bool checkUnits, ref ValidationErrorLog errors)
        {
            int codePoint = ReadCodePoint(s, ref i, end, out bool loneSurrogate);
            if (checkUnits && (loneSurrogate || !UrlUnits.IsNonAsciiUrlCodePoint(codePoint))) errors.Add(UrlValidationError.InvalidUrlUnit);
            AppendUtf8(output, codePoint);
            return i;
        }

        /// <summary>Whether <c>s[start..end)</c> has a '%' followed by two ASCII hex digits.</summary>
        internal static bool ContainsPercentEncodedByte(string s, int start, int end)
        {
            for (int i = s.IndexOf('%', start, end - start); i >= 0 && i + 2 < end; i = s.IndexOf('%', i + 1, end - i - 1))
            {
                if (CodePoints.IsAsciiHexDigit(s[i + 1]) && CodePoints.IsAsciiHexDigit(s[i + 2])) return true;
            }
            return false;
        }

        /// <summary>The code point at s[i]; a surrogate pair moves i to its second half, a lone surrogate is U+FFFD.</summary>
        [MethodImpl(Tiering.Inline)]
        private static int ReadCodePoint(string s, ref int i, int end) => ReadCodePoint(s, ref i, end, out _);

        [MethodImpl(Tiering.Inline)]
        private static int ReadCodePoint(string s, ref int i, int end, out bool loneSurrogate)
        {
            char ch = s[i];
            loneSurrogate = false;
            if (char.IsHighSurrogate(ch) && i + 1 < end && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                return char.ConvertToUtf32(ch, s[i]);
            }
            if (!char.IsSurrogate(ch)) return ch;
            loneSurrogate = true;
            return 0xFFFD;
        }

        /// <summary>Percent-encodes the UTF-8 bytes of a non-ASCII code point.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void AppendUtf8(UrlBuilder output, int codePoint)
        {
            int length = Utf8Length(codePoint);
            for (int i = 0; i < length; i++) AppendByte(output, Utf8Byte(codePoint, length, i));
        }

        private static void AppendUtf8(StringBuilder sb, int codePoint)
        {
            int length = Utf8Length(codePoint);
            for (int i = 0; i < length; i++) AppendByte(sb, Utf8Byte(codePoint, length, i));
        }

        [MethodImpl(Tiering.Inline)]
        private static int Utf8Length(int codePoint) => codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

        /// <summary>Byte <paramref name="index"/> of the code point's UTF-8 form of <paramref name="length"/> bytes.</summary>
        [MethodImpl(Tiering.Inline)]
        private static int Utf8Byte(int codePoint, int length, int index)
        {
            if (length == 1) return codePoint;
            int shift = 6 * (length - 1 - index);
            if (index > 0) return 0x80 | ((codePoint >> shift) & 0x3F);
            int lead = length == 2 ? 0xC0 : length == 3 ? 0xE0 : 0xF0;
            return lead | (codePoint >> shift);
        }

        [MethodImpl(Tiering.Inline)]
        internal static void AppendByte(UrlBuilder output, int b)
        {
            char[] chars = output.Reserve(3);
            int at = output.Length;
            chars[at] = '%';
            chars[at + 1] = UpperHex[b >> 4];
            chars[at + 2] = UpperHex[b & 0xF];
            output.Length = at + 3;
        }

        internal static void AppendByte(StringBuilder sb, int b)
        {
            sb.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
        }

        /// <summary>
        /// Percent-decodes the UTF-8 encoding of <paramref name="input"/> and decodes the bytes as
        /// UTF-8 without BOM (bad sequences become U+FFFD).
        /// </summary>
        public static string DecodeToString(string input) =>
            input == null ? string.Empty : DecodeToString(input, 0, input.Length, plusIsSpace: false);

        /// <summary>
        /// The same over <c>input[start..end)</c>; with <paramref name="plusIsSpace"/> a '+' becomes a
        /// space first, as application/x-www-form-urlencoded parsing does.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        internal static string DecodeToString(string input, int start, int end, bool plusIsSpace)
        {
            // Without '%' (and '+' when it means space) and lone surrogates, decoding gives the text back.
            bool plain = true;
            for (int i = start; i < end && plain; i++)
            {
                char c = input[i];
                if (c == '%' || (plusIsSpace && c == '+')) plain = false;
                else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(input[i + 1])) i++;
                else if (char.IsSurrogate(c)) plain = false;
            }
            if (plain) return input.Substring(start, end - start);

            byte[] bytes = Utf8.GetBytes(input.ToCharArray(start, end - start));
            int length = DecodeInPlace(bytes, plusIsSpace);
            return Utf8.GetString(bytes, 0, length);
        }

        /// <summary>Percent-decodes bytes in place; returns the decoded length.</summary>
        private static int DecodeInPlace(byte[] bytes, bool plusIsSpace)
        {
            int write = 0;
            for (int read = 0; read < bytes.Length; read++)
            {
                byte b = bytes[read];
                if (b == '%' && read + 2 < bytes.Length
                    && CodePoints.HexValue(bytes[read + 1]) >= 0 && CodePoints.HexValue(bytes[read + 2]) >= 0)
                {
                    bytes[write++] = (byte)(CodePoints.HexValue(bytes[read + 1]) * 16 + CodePoints.HexValue(bytes[read + 2]));
                    read += 2;
                }
                else
                {
                    bytes[write++] = plusIsSpace && b == '+' ? (byte)' ' : b;
                }
            }
            return write;
        }
    }
}

using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// The URL Standard's URL code points and its "invalid-URL-unit" check: a code point that is
    /// not a URL code point (other than '%'), or a '%' not followed by two ASCII hex digits.
    /// </summary>
    internal static class UrlUnits
    {
        /// <summary>
        /// URL code points: ASCII alphanumerics, <c>!$&amp;'()*+,-./:;=?@_~</c>, and U+00A0 to
        /// U+10FFFD except surrogates and noncharacters.
        /// </summary>
        public static bool IsUrlCodePoint(int c) =>
            c < 0x80 ? CodePoints.IsAsciiAlphanumeric(c) || "!$&'()*+,-./:;=?@_~".IndexOf((char)c) >= 0 : IsNonAsciiUrlCodePoint(c);

        /// <summary><see cref="IsUrlCodePoint"/> for a code point of U+0080 or above.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsNonAsciiUrlCodePoint(int c) =>
            c >= 0xA0 && (c < 0xD800 || (c > 0xDFFF && c <= 0x10FFFD && !IsNoncharacter(c)));

        /// <summary>U+FDD0 to U+FDEF, and the last two code points of every plane.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsNoncharacter(int c) => (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;

        /// <summary>
        /// For an ASCII code point at <c>s[i]</c> that is '%' or not a URL code point: true only for
        /// a '%' followed by two hex digits (before <paramref name="end"/>).
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsValidAsciiUnit(string s, int i, int end) =>
            s[i] == '%' && i + 2 < end && CodePoints.IsAsciiHexDigit(s[i + 1]) && CodePoints.IsAsciiHexDigit(s[i + 2]);

        /// <summary>
        /// Checks <c>s[start..end)</c> as a whole, as the opaque-host parser does: false when it has
        /// a forbidden host code point; otherwise whether any code point is not a URL code point, and
        /// whether any '%' is not followed by two hex digits.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool ValidateOpaqueHost(string s, int start, int end, out bool invalidCodePoint, out bool invalidPercent)
        {
            invalidCodePoint = invalidPercent = false;
            ushort[] membership = PercentEncodeSets.Membership;
            for (int i = start; i < end; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    int m = membership[c];
                    if ((m & (PercentEncodeSets.CheckUnit | PercentEncodeSets.ForbiddenHost)) == 0) continue;
                    if ((m & PercentEncodeSets.ForbiddenHost) != 0) return false;
                    if (c != '%') invalidCodePoint = true;
                    else if (!IsValidAsciiUnit(s, i, end)) invalidPercent = true;
                    continue;
                }
                if (char.IsHighSurrogate((char)c) && i + 1 < end && char.IsLowSurrogate(s[i + 1]))
                {
                    c = char.ConvertToUtf32((char)c, s[i + 1]);
                    i++;
                }
                if (!IsNonAsciiUrlCodePoint(c)) invalidCodePoint = true;
            }
            return true;
        }
    }
}

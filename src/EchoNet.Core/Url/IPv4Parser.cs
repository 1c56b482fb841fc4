using System.Globalization;

namespace EchoNet.Url
{
    /// <summary>
    /// The IPv4 parser, the IPv4 number parser, the "ends in a number" checker and the IPv4
    /// serializer. Numbers saturate instead of overflowing: anything at or above 2^32 fails the
    /// range checks anyway, so a megabyte of digits costs one linear scan and no big integers.
    /// </summary>
    internal static class IPv4Parser
    {
        private const ulong Saturated = 1UL << 40;

        /// <summary>
        /// "Ends in a number": the last non-empty dot-separated part is all digits or parses as an
        /// IPv4 number (e.g. "0x1F"). Such a host must be an IPv4 address or nothing.
        /// </summary>
        public static bool EndsInANumber(string input)
        {
            int end = input.Length;
            if (end > 0 && input[end - 1] == '.')
            {
                if (end == 1) return false; // parts is [""]: size 1, so no number
                end--;
            }
            int start = input.LastIndexOf('.', end - 1) + 1;
            if (start == end) return false;
            bool allDigits = true;
            for (int i = start; i < end && allDigits; i++) allDigits = CodePoints.IsAsciiDigit(input[i]);
            return allDigits || TryParseNumber(input, start, end, out _);
        }

        /// <summary>The IPv4 parser: up to four parts, each decimal, octal (leading 0) or hex (0x).</summary>
        public static UrlValidationError Parse(string input, out uint address)
        {
            address = 0;
            int end = input.Length;
            // A trailing dot is allowed (an empty last part is dropped when there are others).
            if (end > 1 && input[end - 1] == '.') end--;

            var numbers = new ulong[4];
            int count = 0;
            int partStart = 0;
            for (int i = 0; i <= end; i++)
            {
                if (i < end && input[i] != '.') continue;
                if (count == 4) return UrlValidationError.IPv4TooManyParts;
                if (!TryParseNumber(input, partStart, i, out numbers[count])) return UrlValidationError.IPv4NonNumericPart;
                count++;
                partStart = i + 1;
            }

            for (int i = 0; i < count - 1; i++)
                if (numbers[i] > 255) return UrlValidationError.IPv4OutOfRangePart;
            ulong last = numbers[count - 1];
            // The last number fills the bytes the earlier parts did not: 256^(5 - count).
            if (last >= 1UL << (8 * (5 - count))) return UrlValidationError.IPv4OutOfRangePart;

            ulong value = last;
            for (int i = 0; i < count - 1; i++) value += numbers[i] << (8 * (3 - i));
            address = (uint)value;
            return UrlValidationError.None;
        }

        /// <summary>The IPv4 number parser over <c>input[start..end)</c>.</summary>
        private static bool TryParseNumber(string input, int start, int end, out ulong value)
        {
            value = 0;
            if (start == end) return false;
            int radix = 10;
            if (end - start >= 2 && input[start] == '0' && (input[start + 1] | 0x20) == 'x')
            {
                start += 2;
                radix = 16;
            }
            else if (end - start >= 2 && input[start] == '0')
            {
                start++;
                radix = 8;
            }
            for (int i = start; i < end; i++)
            {
                int digit = CodePoints.HexValue(input[i]);
                if (digit < 0 || digit >= radix) return false;
                value = value >= Saturated ? Saturated : value * (ulong)radix + (ulong)digit;
            }
            return true;
        }

        public static string Serialize(uint address)
        {
            var inv = CultureInfo.InvariantCulture;
            return (address >> 24).ToString(inv) + "." + ((address >> 16) & 0xFF).ToString(inv) + "."
                + ((address >> 8) & 0xFF).ToString(inv) + "." + (address & 0xFF).ToString(inv);
        }
    }
}

using System.Runtime.CompilerServices;
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
        [MethodImpl(Tiering.Optimized)]
        public static bool EndsInANumber(string input, int start, int end)
        {
            if (end > start && input[end - 1] == '.')
            {
                if (end - start == 1) return false; // parts is [""]: size 1, so no number
                end--;
            }
            if (end == start) return false;
            int last = input.LastIndexOf('.', end - 1, end - start) + 1;
            if (last < start) last = start;
            if (last == end) return false;
            bool allDigits = true;
            for (int i = last; i < end && allDigits; i++) allDigits = CodePoints.IsAsciiDigit(input[i]);
            return allDigits || TryParseNumber(input, last, end, out _, out _);
        }

        /// <summary>
        /// The IPv4 parser: up to four parts, each decimal, octal (leading 0) or hex (0x). The
        /// validation errors that do not fail it are recorded in <paramref name="errors"/>, and so
        /// is IPv4-out-of-range-part, which the Standard records before it decides to fail.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static UrlValidationError Parse(string input, int start, int end, out uint address, ref ValidationErrorLog errors)
        {
            address = 0;
            // A trailing dot is allowed (an empty last part is dropped when there are others).
            if (end > start && input[end - 1] == '.')
            {
                errors.Add(UrlValidationError.IPv4EmptyPart);
                if (end - start > 1) end--;
            }
            // The part count is checked before any part is read, as the Standard orders its steps.
            int dots = CountDots(input, start, end);
            if (dots > 3) return UrlValidationError.IPv4TooManyParts;
            if (dots < 3) errors.Add(UrlValidationError.IPv4TooFewParts);

            // The parts before the last must each fit a byte; they are packed as they come.
            ulong packed = 0, last = 0;
            bool partOutOfRange = false; // reported after the parts are all read, as the Standard orders its checks
            int count = 0;
            int partStart = start;
            for (int i = start; i <= end; i++)
            {
                if (i < end && input[i] != '.') continue;
                if (!TryParseNumber(input, partStart, i, out ulong number, out bool nonDecimal)) return UrlValidationError.IPv4NonNumericPart;
                if (nonDecimal) errors.Add(UrlValidationError.IPv4NonDecimalPart);
                if (count > 0)
                {
                    if (last > 255) partOutOfRange = true;
                    packed += last << (8 * (4 - count));
                }
                last = number;
                count++;
                partStart = i + 1;
            }

            if (partOutOfRange || last > 255) errors.Add(UrlValidationError.IPv4OutOfRangePart);
            if (partOutOfRange) return UrlValidationError.IPv4OutOfRangePart;
            // The last number fills the bytes the earlier parts did not: 256^(5 - count).
            if (last >= 1UL << (8 * (5 - count))) return UrlValidationError.IPv4OutOfRangePart;
            address = (uint)(packed + last);
            return UrlValidationError.None;
        }

        /// <summary>Dots in <c>input[start..end)</c>, the parts less one, counted up to 4.</summary>
        private static int CountDots(string input, int start, int end)
        {
            int dots = 0;
            for (int i = start; i < end && dots < 4; i++)
                if (input[i] == '.') dots++;
            return dots;
        }

        /// <summary>
        /// The IPv4 number parser over <c>input[start..end)</c>; <paramref name="nonDecimal"/> is its
        /// validation error flag (a 0x or 0 prefix).
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryParseNumber(string input, int start, int end, out ulong value, out bool nonDecimal)
        {
            value = 0;
            nonDecimal = false;
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
            nonDecimal = radix != 10;
            for (int i = start; i < end; i++)
            {
                int digit = CodePoints.HexValue(input[i]);
                if (digit < 0 || digit >= radix) return false;
                value = value >= Saturated ? Saturated : value * (ulong)radix + (ulong)digit;
            }
            return true;
        }

        /// <summary>The IPv4 serializer: four decimal bytes joined by '.'.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void Serialize(uint address, UrlBuilder output)
        {
            output.AppendDecimal((int)(address >> 24));
            output.Append('.');
            output.AppendDecimal((int)((address >> 16) & 0xFF));
            output.Append('.');
            output.AppendDecimal((int)((address >> 8) & 0xFF));
            output.Append('.');
            output.AppendDecimal((int)(address & 0xFF));
        }
    }
}

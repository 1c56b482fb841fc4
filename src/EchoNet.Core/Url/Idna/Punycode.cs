using System.Text;

namespace EchoNet.Url.Idna
{
    /// <summary>
    /// Punycode (RFC 3492): the Bootstring parameters for IDNA, with the overflow checks of
    /// section 6.4. Both directions work on code points and return false instead of throwing.
    /// </summary>
    internal static class Punycode
    {
        private const int Base = 36, TMin = 1, TMax = 26, Skew = 38, Damp = 700;
        private const int InitialBias = 72, InitialN = 0x80;
        private const char Delimiter = '-';

        /// <summary>
        /// Labels longer than this (in code points) are refused: the Bootstring algorithms are
        /// quadratic in the label length, DNS labels have at most 63 octets, and this keeps a
        /// hostile megabyte-long host from costing more than linear time times this bound.
        /// </summary>
        public const int MaxLabelLength = 1024;

        /// <summary>RFC 3492 section 6.1.</summary>
        private static int Adapt(int delta, int numPoints, bool firstTime)
        {
            delta = firstTime ? delta / Damp : delta >> 1;
            delta += delta / numPoints;
            int k = 0;
            while (delta > ((Base - TMin) * TMax) / 2)
            {
                delta /= Base - TMin;
                k += Base;
            }
            return k + (Base - TMin + 1) * delta / (delta + Skew);
        }

        private static char EncodeDigit(int d) => (char)(d < 26 ? 'a' + d : '0' + (d - 26));

        private static int DecodeDigit(int c)
        {
            if (c >= '0' && c <= '9') return c - '0' + 26;
            if (c >= 'a' && c <= 'z') return c - 'a';
            if (c >= 'A' && c <= 'Z') return c - 'A';
            return -1;
        }

        /// <summary>
        /// Encodes <paramref name="input"/>[start..end) (RFC 3492 section 6.3) and appends the
        /// result to <paramref name="output"/>. False on overflow or an over-long label.
        /// </summary>
        public static bool Encode(CodePointBuffer input, int start, int end, StringBuilder output)
        {
            int length = end - start;
            if (length > MaxLabelLength) return false;

            int basicCount = 0;
            for (int j = start; j < end; j++)
            {
                if (input[j] < 0x80)
                {
                    output.Append((char)input[j]);
                    basicCount++;
                }
            }
            int h = basicCount;
            if (basicCount > 0) output.Append(Delimiter);

            int n = InitialN, delta = 0, bias = InitialBias;
            while (h < length)
            {
                // The smallest code point not yet handled.
                int m = int.MaxValue;
                for (int j = start; j < end; j++)
                {
                    int c = input[j];
                    if (c >= n && c < m) m = c;
                }
                if (m - n > (int.MaxValue - delta) / (h + 1)) return false;
                delta += (m - n) * (h + 1);
                n = m;
                for (int j = start; j < end; j++)
                {
                    int c = input[j];
                    if (c < n)
                    {
                        if (delta == int.MaxValue) return false;
                        delta++;
                    }
                    else if (c == n)
                    {
                        int q = delta;
                        for (int k = Base; ; k += Base)
                        {
                            int t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                            if (q < t) break;
                            output.Append(EncodeDigit(t + (q - t) % (Base - t)));
                            q = (q - t) / (Base - t);
                        }
                        output.Append(EncodeDigit(q));
                        bias = Adapt(delta, h + 1, h == basicCount);
                        delta = 0;
                        h++;
                    }
                }
                if (delta == int.MaxValue || n == int.MaxValue) return false;
                delta++;
                n++;
            }
            return true;
        }

        /// <summary>
        /// Decodes <paramref name="input"/>[start..end) (RFC 3492 section 6.2) into
        /// <paramref name="output"/> (cleared first). False when the input is not valid Punycode:
        /// a non-basic or invalid digit, a truncated number, overflow, or a code point past U+10FFFF.
        /// </summary>
        public static bool Decode(CodePointBuffer input, int start, int end, CodePointBuffer output)
        {
            output.Clear();
            if (end - start > MaxLabelLength) return false;

            int lastDelimiter = -1;
            for (int j = start; j < end; j++)
            {
                if (input[j] == Delimiter) lastDelimiter = j;
            }
            int pos = start;
            if (lastDelimiter >= 0)
            {
                for (int j = start; j < lastDelimiter; j++)
                {
                    if (input[j] >= 0x80) return false;
                    output.Add(input[j]);
                }
                // The delimiter is consumed only when code points came before it.
                pos = lastDelimiter > start ? lastDelimiter + 1 : start;
            }

            int n = InitialN, i = 0, bias = InitialBias;
            while (pos < end)
            {
                int oldi = i, w = 1;
                for (int k = Base; ; k += Base)
                {
                    if (pos >= end) return false;
                    int digit = DecodeDigit(input[pos++]);
                    if (digit < 0) return false;
                    if (digit > (int.MaxValue - i) / w) return false;
                    i += digit * w;
                    int t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (digit < t) break;
                    if (w > int.MaxValue / (Base - t)) return false;
                    w *= Base - t;
                }
                int count = output.Count + 1;
                bias = Adapt(i - oldi, count, oldi == 0);
                if (i / count > int.MaxValue - n) return false;
                n += i / count;
                i %= count;
                if (n > 0x10FFFF) return false;
                output.Insert(i, n);
                i++;
            }
            return true;
        }
    }
}

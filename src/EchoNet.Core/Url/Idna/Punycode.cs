using System.Runtime.CompilerServices;
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

        /// <summary>RFC 3492 section 6.1.</summary>
        [MethodImpl(Tiering.Optimized)]
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
        /// result to <paramref name="output"/>. False on overflow.
        /// </summary>
        /// <remarks>
        /// The RFC's loop rescans the label once per distinct code point, which is quadratic.
        /// This gives the same output in O(n log n): the non-basic code points are visited in
        /// (code point, position) order, and a Fenwick tree over the positions counts the
        /// already-handled code points before each one, which is what the RFC's scan adds to delta.
        /// </remarks>
        [MethodImpl(Tiering.Optimized)]
        public static bool Encode(CodePointBuffer input, int start, int end, StringBuilder output)
        {
            int length = end - start;
            int basicCount = 0;
            for (int j = start; j < end; j++)
            {
                if (input[j] < 0x80)
                {
                    output.Append((char)input[j]);
                    basicCount++;
                }
            }
            if (basicCount > 0) output.Append(Delimiter);
            if (basicCount == length) return true;

            var handled = new Fenwick(length);
            var order = new long[length - basicCount];
            int count = 0;
            for (int j = 0; j < length; j++)
            {
                int c = input[start + j];
                if (c < 0x80) handled.Add(j);
                else order[count++] = ((long)c << 32) | (uint)j;
            }
            System.Array.Sort(order);

            int h = basicCount, n = InitialN, delta = 0, bias = InitialBias;
            int next = 0;
            while (next < order.Length)
            {
                int m = (int)(order[next] >> 32);
                if (m - n > (int.MaxValue - delta) / (h + 1)) return false;
                delta += (m - n) * (h + 1);
                n = m;

                int handledBeforeRound = h, previousBefore = 0, roundStart = next;
                for (; next < order.Length && (int)(order[next] >> 32) == m; next++)
                {
                    int position = (int)(order[next] & 0x7FFFFFFF);
                    int before = handled.CountBefore(position);
                    if (before - previousBefore > int.MaxValue - delta) return false;
                    delta += before - previousBefore;
                    previousBefore = before;

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
                // The handled code points after the last occurrence of m, then the RFC's delta++.
                int after = handledBeforeRound - previousBefore;
                if (after >= int.MaxValue - delta) return false;
                delta += after + 1;
                n++;
                for (int j = roundStart; j < next; j++) handled.Add((int)(order[j] & 0x7FFFFFFF));
            }
            return true;
        }

        /// <summary>
        /// Decodes <paramref name="input"/>[start..end) (RFC 3492 section 6.2) into
        /// <paramref name="output"/> (cleared first). False when the input is not valid Punycode:
        /// a non-basic or invalid digit, a truncated number, overflow, or a code point past U+10FFFF.
        /// </summary>
        /// <remarks>
        /// The RFC inserts each code point into the output as it goes, which is quadratic. This
        /// records the insertions (index, code point) and places them afterwards, last first:
        /// each takes the index-th slot still free, found in a Fenwick tree: O(n log n).
        /// </remarks>
        [MethodImpl(Tiering.Optimized)]
        public static bool Decode(CodePointBuffer input, int start, int end, CodePointBuffer output)
        {
            output.Clear();
            int lastDelimiter = -1;
            for (int j = start; j < end; j++)
            {
                if (input[j] == Delimiter) lastDelimiter = j;
            }
            int basicCount = 0;
            int pos = start;
            if (lastDelimiter >= 0)
            {
                for (int j = start; j < lastDelimiter; j++)
                {
                    if (input[j] >= 0x80) return false;
                }
                basicCount = lastDelimiter - start;
                // The delimiter is consumed only when code points came before it.
                pos = lastDelimiter > start ? lastDelimiter + 1 : start;
            }

            // Each insertion consumes at least one input code point.
            int capacity = end - pos;
            var indexes = new int[capacity];
            var values = new int[capacity];
            int inserted = 0;
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
                int count = basicCount + inserted + 1;
                bias = Adapt(i - oldi, count, oldi == 0);
                if (i / count > int.MaxValue - n) return false;
                n += i / count;
                i %= count;
                if (n > 0x10FFFF) return false;
                indexes[inserted] = i;
                values[inserted] = n;
                inserted++;
                i++;
            }

            int total = basicCount + inserted;
            for (int j = 0; j < total; j++) output.Add(0);
            var free = Fenwick.AllSet(total);
            for (int t = inserted - 1; t >= 0; t--)
            {
                int slot = free.FindNth(indexes[t]);
                free.Remove(slot);
                output[slot] = values[t];
            }
            // The basic code points keep their order in the slots left over.
            int b = start;
            for (int slot = 0; slot < total && b < start + basicCount; slot++)
            {
                if (free.IsSet(slot)) output[slot] = input[b++];
            }
            return true;
        }

        /// <summary>A Fenwick (binary indexed) tree of 0/1 flags over positions 0..size-1.</summary>
        private sealed class Fenwick
        {
            private readonly int[] tree;
            private readonly bool[] set;

            public Fenwick(int size)
            {
                tree = new int[size + 1];
                set = new bool[size];
            }

            [MethodImpl(Tiering.Optimized)]
            public static Fenwick AllSet(int size)
            {
                var f = new Fenwick(size);
                for (int i = 1; i <= size; i++) f.tree[i] = i & -i;
                for (int i = 0; i < size; i++) f.set[i] = true;
                return f;
            }

            public bool IsSet(int position) => set[position];

            public void Add(int position) => Update(position, 1);

            public void Remove(int position) => Update(position, -1);

            [MethodImpl(Tiering.Optimized)]
            private void Update(int position, int delta)
            {
                set[position] = delta > 0;
                for (int i = position + 1; i < tree.Length; i += i & -i) tree[i] += delta;
            }

            /// <summary>How many set positions lie before <paramref name="position"/>.</summary>
            [MethodImpl(Tiering.Optimized)]
            public int CountBefore(int position)
            {
                int sum = 0;
                for (int i = position; i > 0; i -= i & -i) sum += tree[i];
                return sum;
            }

            /// <summary>The position of the set flag with <paramref name="index"/> set flags before it.</summary>
            [MethodImpl(Tiering.Optimized)]
            public int FindNth(int index)
            {
                int pos = 0, remaining = index + 1;
                int step = 1;
                while (step * 2 < tree.Length) step *= 2;
                for (; step > 0; step >>= 1)
                {
                    int probe = pos + step;
                    if (probe < tree.Length && tree[probe] < remaining)
                    {
                        pos = probe;
                        remaining -= tree[probe];
                    }
                }
                return pos; // 1-based pos + 1 is the answer; as 0-based that is pos
            }
        }
    }
}

using System.Runtime.CompilerServices;
namespace EchoNet.Url.Idna
{
    /// <summary>UTS #46 section 5: the status of a code point in the IDNA mapping table.</summary>
    internal enum IdnaStatus
    {
        /// <summary>Valid (deviation counts as valid: Nontransitional processing only).</summary>
        Valid = 0,
        Mapped = 1,
        Ignored = 2,
        Disallowed = 3,
    }

    /// <summary>Bidi_Class values, in the order the generator numbers them.</summary>
    internal enum BidiClass
    {
        L, R, AL, EN, ES, ET, AN, CS, NSM, BN, ON, B, S, WS, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI,
    }

    /// <summary>Joining_Type values, in the order the generator numbers them.</summary>
    internal enum JoiningType
    {
        U, D, R, L, T, C,
    }

    /// <summary>Lookups in the generated tables (IdnaData.g.cs).</summary>
    internal static class UnicodeTables
    {
        private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
        private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

        // For each block of 256 code points, the run that holds the block's first code point, so a
        // lookup searches only the few runs of one block instead of the whole table.
        private const int BlockShift = 8;
        private static readonly int[] MappingBlocks = BuildBlocks(IdnaData.MappingStarts);
        private static readonly int[] PropertyBlocks = BuildBlocks(IdnaData.PropertyStarts);

        private static int[] BuildBlocks(int[] starts)
        {
            var blocks = new int[(0x10FFFF >> BlockShift) + 2];
            int run = 0;
            for (int b = 0; b < blocks.Length; b++)
            {
                int first = b << BlockShift;
                while (run + 1 < starts.Length && starts[run + 1] <= first) run++;
                blocks[b] = run;
            }
            return blocks;
        }

        /// <summary>Index of the run that holds <paramref name="codePoint"/> (0..0x10FFFF): the last start not above it.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static int FindRun(int[] starts, int[] blocks, int codePoint)
        {
            int block = codePoint >> BlockShift;
            int lo = blocks[block], hi = blocks[block + 1];
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (starts[mid] <= codePoint) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        // Bit sets over code points that say "maybe in the table" (exact for code points below the
        // set's size, "maybe" above it), so most code points skip the binary search.
        private static readonly ulong[] Decomposable = BuildSet(IdnaData.DecompositionCodePoints, null);
        private static readonly ulong[] ComposesAsSecond = BuildSet(null, IdnaData.CompositionPairs);
        private const int SetSize = 0x20000;

        private static ulong[] BuildSet(int[] codePoints, long[] pairs)
        {
            var set = new ulong[SetSize / 64];
            int count = codePoints?.Length ?? pairs.Length;
            for (int i = 0; i < count; i++)
            {
                int c = codePoints != null ? codePoints[i] : (int)(pairs[i] & 0x1FFFFF);
                if (c < SetSize) set[c >> 6] |= 1UL << (c & 63);
            }
            return set;
        }

        [MethodImpl(Tiering.Inline)]
        private static bool InSet(ulong[] set, int c) => c >= SetSize || (set[c >> 6] & (1UL << (c & 63))) != 0;

        /// <summary>Index of <paramref name="value"/> in the sorted array, or -1 (Array.BinarySearch's generic code runs unoptimized for long).</summary>
        [MethodImpl(Tiering.Optimized)]
        private static int IndexOf(int[] sorted, int value)
        {
            int lo = 0, hi = sorted.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int v = sorted[mid];
                if (v == value) return mid;
                if (v < value) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }

        [MethodImpl(Tiering.Optimized)]
        private static int IndexOf(long[] sorted, long value)
        {
            int lo = 0, hi = sorted.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                long v = sorted[mid];
                if (v == value) return mid;
                if (v < value) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }

        /// <summary>The IDNA status; for a mapped code point also where its mapping sits in the pool.</summary>
        [MethodImpl(Tiering.Inline)]
        public static IdnaStatus GetStatus(int codePoint, out int mapOffset, out int mapLength)
        {
            mapOffset = 0;
            mapLength = 0;
            if ((uint)codePoint > 0x10FFFF) return IdnaStatus.Disallowed;
            int v = IdnaData.MappingValues[FindRun(IdnaData.MappingStarts, MappingBlocks, codePoint)];
            var status = (IdnaStatus)(v & 3);
            if (status == IdnaStatus.Mapped)
            {
                mapLength = (v >> 2) & 0x3F;
                mapOffset = v >> 8;
            }
            return status;
        }

        [MethodImpl(Tiering.Inline)]
        public static IdnaStatus GetStatus(int codePoint) => GetStatus(codePoint, out _, out _);

        [MethodImpl(Tiering.Inline)]
        private static int Properties(int codePoint) =>
            (uint)codePoint > 0x10FFFF ? 0 : IdnaData.PropertyValues[FindRun(IdnaData.PropertyStarts, PropertyBlocks, codePoint)];

        /// <summary>Bidi_Class (meaningful for code points that are valid in IDNA).</summary>
        public static BidiClass GetBidiClass(int codePoint) => (BidiClass)(Properties(codePoint) & 0x1F);

        /// <summary>Joining_Type (meaningful for code points that are valid in IDNA).</summary>
        public static JoiningType GetJoiningType(int codePoint) => (JoiningType)((Properties(codePoint) >> 5) & 7);

        /// <summary>General_Category=Mark (meaningful for code points that are valid in IDNA).</summary>
        public static bool IsMark(int codePoint) => (Properties(codePoint) & 0x100) != 0;

        public static int GetCombiningClass(int codePoint)
        {
            if (codePoint < 0x300) return 0;
            return (Properties(codePoint) >> 9) & 0xFF;
        }

        /// <summary>Appends the full canonical decomposition of <paramref name="codePoint"/>.</summary>
        public static void Decompose(int codePoint, CodePointBuffer output)
        {
            int s = codePoint - SBase;
            if (s >= 0 && s < SCount)
            {
                output.Add(LBase + s / NCount);
                output.Add(VBase + (s % NCount) / TCount);
                int t = s % TCount;
                if (t != 0) output.Add(TBase + t);
                return;
            }
            if (codePoint >= 0xC0 && InSet(Decomposable, codePoint))
            {
                int i = IndexOf(IdnaData.DecompositionCodePoints, codePoint);
                if (i >= 0)
                {
                    // Mappings are one level deep in the data: recurse (the depth is at most a few).
                    Decompose(IdnaData.DecompositionFirst[i], output);
                    int second = IdnaData.DecompositionSecond[i];
                    if (second != 0) Decompose(second, output);
                    return;
                }
            }
            output.Add(codePoint);
        }

        /// <summary>The primary composite of a pair, or -1.</summary>
        public static int Compose(int first, int second)
        {
            int l = first - LBase;
            if (l >= 0 && l < LCount)
            {
                int v = second - VBase;
                return v >= 0 && v < VCount ? SBase + (l * VCount + v) * TCount : -1;
            }
            int s = first - SBase;
            if (s >= 0 && s < SCount && s % TCount == 0)
            {
                int t = second - TBase;
                return t > 0 && t < TCount ? first + t : -1;
            }
            if (second < 0x300 || !InSet(ComposesAsSecond, second)) return -1;
            int i = IndexOf(IdnaData.CompositionPairs, ((long)first << 21) | (uint)second);
            return i >= 0 ? IdnaData.CompositionResults[i] : -1;
        }
    }
}

using System.Runtime.CompilerServices;
namespace EchoNet.Url.Idna
{
    /// <summary>
    /// Unicode Normalization Form C (UAX #15) from the generated tables, so the result does
    /// not depend on the operating system's ICU: canonical decomposition, canonical ordering,
    /// canonical composition.
    /// </summary>
    internal static class Nfc
    {
        /// <summary>True when every code point is below U+0300: such text is already in NFC.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool IsTriviallyNormalized(CodePointBuffer text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (text[i] >= 0x300) return false;
            }
            return true;
        }

        /// <summary>Normalizes <paramref name="text"/> to NFC in place (via a scratch buffer).</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void Normalize(CodePointBuffer text, CodePointBuffer scratch)
        {
            if (IsTriviallyNormalized(text, 0, text.Count)) return;

            scratch.Clear();
            for (int i = 0; i < text.Count; i++) UnicodeTables.Decompose(text[i], scratch);
            SortCanonically(scratch);
            Compose(scratch);
            text.Clear();
            for (int i = 0; i < scratch.Count; i++) text.Add(scratch[i]);
        }

        /// <summary>True when <paramref name="text"/>[start..end) is in NFC.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool IsNormalized(CodePointBuffer text, int start, int end)
        {
            if (IsTriviallyNormalized(text, start, end)) return true;
            var copy = new CodePointBuffer(end - start);
            for (int i = start; i < end; i++) copy.Add(text[i]);
            Normalize(copy, new CodePointBuffer(end - start + 8));
            if (copy.Count != end - start) return false;
            for (int i = 0; i < copy.Count; i++)
            {
                if (copy[i] != text[start + i]) return false;
            }
            return true;
        }

        /// <summary>Runs of non-starters up to this long are insertion-sorted (at most 8·7/2 moves each).</summary>
        private const int ShortRun = 8;

        /// <summary>
        /// Comparisons and moves canonical ordering has made, for tests that check it stays linear
        /// (read by reflection; not synchronized, meaningful on one thread).
        /// </summary>
        internal static long OrderingSteps;

        /// <summary>
        /// Canonical ordering: a stable sort of each run of non-starters by combining class. Short
        /// runs (nearly all real text) are insertion-sorted; a longer run is counting-sorted by its
        /// classes (at most 255 of them), so the work is linear in the text whatever its marks.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static void SortCanonically(CodePointBuffer text)
        {
            int count = text.Count;
            for (int i = 0; i < count;)
            {
                if (UnicodeTables.GetCombiningClass(text[i]) == 0)
                {
                    i++;
                    continue;
                }
                int runStart = i;
                while (i < count && UnicodeTables.GetCombiningClass(text[i]) != 0) i++;
                if (i - runStart <= ShortRun) InsertionSort(text, runStart, i);
                else CountingSort(text, runStart, i);
            }
        }

        private static void InsertionSort(CodePointBuffer text, int start, int end)
        {
            for (int i = start + 1; i < end; i++)
            {
                int c = text[i];
                int cc = UnicodeTables.GetCombiningClass(c);
                int j = i;
                while (j > start)
                {
                    OrderingSteps++;
                    if (UnicodeTables.GetCombiningClass(text[j - 1]) <= cc) break;
                    text[j] = text[j - 1];
                    j--;
                }
                text[j] = c;
            }
        }

        /// <summary>A stable counting sort of text[start..end) by combining class (1 to 254).</summary>
        private static void CountingSort(CodePointBuffer text, int start, int end)
        {
            int length = end - start;
            var positions = new int[256];
            var classes = new byte[length];
            var sorted = new int[length];
            for (int i = 0; i < length; i++)
            {
                int cc = UnicodeTables.GetCombiningClass(text[start + i]);
                classes[i] = (byte)cc;
                positions[cc]++;
            }
            for (int cc = 0, next = 0; cc < positions.Length; cc++)
            {
                int inClass = positions[cc];
                positions[cc] = next;
                next += inClass;
            }
            for (int i = 0; i < length; i++) sorted[positions[classes[i]]++] = text[start + i];
            for (int i = 0; i < length; i++) text[start + i] = sorted[i];
            OrderingSteps += 3L * length + positions.Length;
        }

        /// <summary>Canonical composition (UAX #15 section 1.3), in place.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void Compose(CodePointBuffer text)
        {
            if (text.Count == 0) return;
            int starterPos = 0;
            int starter = text[0];
            int lastClass = UnicodeTables.GetCombiningClass(starter);
            if (lastClass != 0) lastClass = 256; // a leading non-starter blocks everything after it
            int write = 1;
            for (int read = 1; read < text.Count; read++)
            {
                int c = text[read];
                int cc = UnicodeTables.GetCombiningClass(c);
                int composite = UnicodeTables.Compose(starter, c);
                if (composite >= 0 && (lastClass < cc || lastClass == 0))
                {
                    text[starterPos] = composite;
                    starter = composite;
                    continue;
                }
                if (cc == 0)
                {
                    starterPos = write;
                    starter = c;
                }
                lastClass = cc;
                text[write++] = c;
            }
            text.Truncate(write);
        }
    }
}

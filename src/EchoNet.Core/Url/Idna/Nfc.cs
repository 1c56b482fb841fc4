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

        /// <summary>Canonical ordering: a stable sort of each run of non-starters by combining class.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void SortCanonically(CodePointBuffer text)
        {
            for (int i = 1; i < text.Count; i++)
            {
                int c = text[i];
                int cc = UnicodeTables.GetCombiningClass(c);
                if (cc == 0) continue;
                int j = i;
                while (j > 0)
                {
                    int prevClass = UnicodeTables.GetCombiningClass(text[j - 1]);
                    if (prevClass <= cc) break;
                    text[j] = text[j - 1];
                    j--;
                }
                text[j] = c;
            }
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

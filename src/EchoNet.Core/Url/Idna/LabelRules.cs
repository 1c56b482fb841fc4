using System.Runtime.CompilerServices;
namespace EchoNet.Url.Idna
{
    /// <summary>UTS #46 section 4.1, Validity Criteria, for Nontransitional Processing with CheckHyphens=false and CheckJoiners=true.</summary>
    internal static class LabelRules
    {
        /// <summary>True when the label starts with "xn--" (the text is already mapped, so lowercase).</summary>
        public static bool StartsWithAcePrefix(CodePointBuffer label, int start, int end) =>
            end - start >= 4 && label[start] == 'x' && label[start + 1] == 'n' &&
            label[start + 2] == '-' && label[start + 3] == '-';

        /// <summary>
        /// Criteria 1 to 8 for label[start..end) (CheckBidi is per domain, see <see cref="BidiRule"/>).
        /// <paramref name="decoded"/>: the label came from Punycode, so NFC must be checked too.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool IsValid(CodePointBuffer label, int start, int end, bool useStd3AsciiRules, bool decoded)
        {
            if (start == end) return true;

            // 1. In NFC (the Map step normalized everything but decoded labels).
            if (decoded && !Nfc.IsNormalized(label, start, end)) return false;

            // 2, 3: CheckHyphens is false. 4. Then the label must not begin with "xn--".
            if (StartsWithAcePrefix(label, start, end)) return false;

            // 6. Must not begin with a combining mark.
            if (label[start] >= 0x300 && UnicodeTables.IsMark(label[start])) return false;

            for (int i = start; i < end; i++)
            {
                int c = label[i];
                if (c < 0x80)
                {
                    // 5. No FULL STOP. 7. With UseSTD3ASCIIRules only a-z, 0-9 and hyphen-minus.
                    if (c == '.') return false;
                    if (useStd3AsciiRules && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
                    if (c >= 'A' && c <= 'Z') return false; // mapped, not valid
                    continue;
                }
                // 7. Valid or deviation.
                if (UnicodeTables.GetStatus(c) != IdnaStatus.Valid) return false;
            }

            // 8. CheckJoiners.
            return ContextJ.Satisfies(label, start, end);
        }
    }
}

using System.Runtime.CompilerServices;
namespace EchoNet.Url.Idna
{
    /// <summary>The Bidi Rule of RFC 5893 section 2, which UTS #46 applies when CheckBidi is set.</summary>
    internal static class BidiRule
    {
        /// <summary>True for a character that makes a label an RTL label (R, AL or AN).</summary>
        public static bool IsRtl(BidiClass c) => c == BidiClass.R || c == BidiClass.AL || c == BidiClass.AN;

        /// <summary>
        /// True when <paramref name="label"/>[start..end) satisfies the six conditions.
        /// Only called for the labels of a Bidi domain name; an empty label has nothing to check.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool Satisfies(CodePointBuffer label, int start, int end)
        {
            if (start == end) return true;

            // 1. The first character must be L, R or AL.
            BidiClass first = UnicodeTables.GetBidiClass(label[start]);
            bool rtl;
            if (first == BidiClass.R || first == BidiClass.AL) rtl = true;
            else if (first == BidiClass.L) rtl = false;
            else return false;

            // The last character that is not NSM (conditions 3 and 6).
            int last = end - 1;
            while (last > start && UnicodeTables.GetBidiClass(label[last]) == BidiClass.NSM) last--;
            BidiClass lastClass = UnicodeTables.GetBidiClass(label[last]);

            if (rtl)
            {
                // 2. Only R, AL, AN, EN, ES, CS, ET, ON, BN, NSM.
                bool hasEn = false, hasAn = false;
                for (int i = start; i < end; i++)
                {
                    switch (UnicodeTables.GetBidiClass(label[i]))
                    {
                        case BidiClass.R:
                        case BidiClass.AL:
                        case BidiClass.ES:
                        case BidiClass.CS:
                        case BidiClass.ET:
                        case BidiClass.ON:
                        case BidiClass.BN:
                        case BidiClass.NSM:
                            break;
                        case BidiClass.EN:
                            hasEn = true;
                            break;
                        case BidiClass.AN:
                            hasAn = true;
                            break;
                        default:
                            return false;
                    }
                }
                // 3. It ends with R, AL, EN or AN, then zero or more NSM.
                if (lastClass != BidiClass.R && lastClass != BidiClass.AL &&
                    lastClass != BidiClass.EN && lastClass != BidiClass.AN)
                {
                    return false;
                }
                // 4. Not both EN and AN.
                return !(hasEn && hasAn);
            }

            // 5. Only L, EN, ES, CS, ET, ON, BN, NSM.
            for (int i = start; i < end; i++)
            {
                switch (UnicodeTables.GetBidiClass(label[i]))
                {
                    case BidiClass.L:
                    case BidiClass.EN:
                    case BidiClass.ES:
                    case BidiClass.CS:
                    case BidiClass.ET:
                    case BidiClass.ON:
                    case BidiClass.BN:
                    case BidiClass.NSM:
                        break;
                    default:
                        return false;
                }
            }
            // 6. It ends with L or EN, then zero or more NSM.
            return lastClass == BidiClass.L || lastClass == BidiClass.EN;
        }
    }
}

using System.Runtime.CompilerServices;
namespace EchoNet.Url.Idna
{
    /// <summary>The CONTEXTJ rules of RFC 5892 appendix A.1 and A.2 (UTS #46 CheckJoiners).</summary>
    internal static class ContextJ
    {
        private const int Zwnj = 0x200C, Zwj = 0x200D, Virama = 9;

        /// <summary>True when every ZERO WIDTH (NON-)JOINER in the label stands where the rules allow it.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool Satisfies(CodePointBuffer label, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                int c = label[i];
                if (c != Zwnj && c != Zwj) continue;

                // Both: allowed right after a virama.
                if (i > start && UnicodeTables.GetCombiningClass(label[i - 1]) == Virama) continue;
                if (c == Zwj) return false;

                // ZWNJ: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D}).
                if (!JoinsOnSide(label, i - 1, start - 1, -1, JoiningType.L)) return false;
                if (!JoinsOnSide(label, i + 1, end, 1, JoiningType.R)) return false;
            }
            return true;
        }

        /// <summary>Skips transparent characters from <paramref name="from"/>; true when the next is <paramref name="wanted"/> or D.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool JoinsOnSide(CodePointBuffer label, int from, int stop, int step, JoiningType wanted)
        {
            for (int j = from; j != stop; j += step)
            {
                JoiningType t = UnicodeTables.GetJoiningType(label[j]);
                if (t == JoiningType.T) continue;
                return t == wanted || t == JoiningType.D;
            }
            return false;
        }
    }
}

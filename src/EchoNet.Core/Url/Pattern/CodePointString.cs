using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// A string as the Standard reads it: a list of code points (a surrogate pair is one), so that
    /// indexes and substrings count code points as JavaScript strings read with the u flag do.
    /// A lone surrogate becomes U+FFFD, as the conversion to a USVString does.
    /// </summary>
    internal sealed class CodePointString
    {
        private readonly int[] _codePoints;

        public CodePointString(string text)
        {
            var list = new int[text.Length];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    list[n++] = char.ConvertToUtf32(c, text[i + 1]);
                    i++;
                }
                else
                {
                    list[n++] = char.IsSurrogate(c) ? 0xFFFD : c;
                }
            }
            _codePoints = new int[n];
            System.Array.Copy(list, _codePoints, n);
        }

        public int Length => _codePoints.Length;

        public int this[int index] => _codePoints[index];

        /// <summary>The code points [start, start + length) as a string.</summary>
        public string Substring(int start, int length)
        {
            var sb = new StringBuilder(length);
            for (int i = start; i < start + length; i++) AppendCodePoint(sb, _codePoints[i]);
            return sb.ToString();
        }

        public static void AppendCodePoint(StringBuilder sb, int codePoint)
        {
            if (codePoint < 0x10000) sb.Append((char)codePoint);
            else sb.Append(char.ConvertFromUtf32(codePoint));
        }

        /// <summary>The text with each lone surrogate replaced by U+FFFD (a USVString).</summary>
        public static string ToScalarValues(string text)
        {
            if (text == null) return null;
            for (int i = 0; i < text.Length; i++)
            {
                if (!char.IsSurrogate(text[i])) continue;
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                var cps = new CodePointString(text);
                return cps.Substring(0, cps.Length);
            }
            return text;
        }
    }
}

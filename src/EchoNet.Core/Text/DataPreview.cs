using System.Text;

namespace EchoNet.Text
{
    /// <summary>
    /// Received data as one table cell: text with control characters written as PowerShell
    /// escapes (`r`n, `t, `e, `u{7f}), or "hex:" and the bytes when they are not text.
    /// </summary>
    internal static class DataPreview
    {
        /// <summary>Long data is cut here; the Bytes column still says how much arrived.</summary>
        public const int MaxChars = 200;
        public const int MaxHexBytes = 64;

        public static string Of(byte[] data, string text)
        {
            return LooksBinary(text) ? Hex(data) : Escape(text);
        }

        /// <summary>Undecodable bytes (U+FFFD) or control characters other than tab, CR, LF and ESC.</summary>
        private static bool LooksBinary(string text)
        {
            foreach (char c in text)
            {
                if (c == '\uFFFD') return true;
                if (c < ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\u001b') return true;
            }
            return false;
        }

        private static string Escape(string text)
        {
            var sb = new StringBuilder(System.Math.Min(text.Length, MaxChars) + 8);
            for (int i = 0; i < text.Length; i++)
            {
                if (sb.Length >= MaxChars) return sb.Append('…').ToString();
                char c = text[i];
                switch (c)
                {
                    case '\r': sb.Append("`r"); break;
                    case '\n': sb.Append("`n"); break;
                    case '\t': sb.Append("`t"); break;
                    case '\u001b': sb.Append("`e"); break;
                    case '`': sb.Append("``"); break;
                    default:
                        if (c == '\u007f' || (c >= '\u0080' && c < '\u00a0')) sb.Append("`u{").Append(((int)c).ToString("x")).Append('}');
                        else sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }

        private static string Hex(byte[] data)
        {
            int shown = System.Math.Min(data.Length, MaxHexBytes);
            var sb = new StringBuilder(5 + shown * 3 + 2);
            sb.Append("hex:");
            for (int i = 0; i < shown; i++) sb.Append(' ').Append(data[i].ToString("x2"));
            if (shown < data.Length) sb.Append(" …");
            return sb.ToString();
        }
    }
}

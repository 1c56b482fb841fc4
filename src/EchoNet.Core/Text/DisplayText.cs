using System.Globalization;
using System.Text;

namespace EchoNet.Text
{
    /// <summary>
    /// Text from the network made safe to print: a reply that holds ESC, BEL or a bidirectional
    /// override would otherwise drive the terminal (recolour it, ring it, reorder what it shows).
    /// The format views print this form; the objects keep the exact text.
    /// </summary>
    public static class DisplayText
    {

        /// <summary>
        /// The text with every control character written as an escape a netcat user reads at a
        /// glance: \n \r \t \0 \a \b \f \v \e for the common ones, \xHH for the other C0 and C1
        /// controls and DEL, \uHHHH for bidirectional controls. Null stays null; text without any
        /// of these comes back as the same string.
        /// </summary>
        public static string Escape(string text)
        {
            if (text == null) return null;
            int first = 0;
            while (first < text.Length && !NeedsEscape(text[first])) first++;
            if (first == text.Length) return text;

            var builder = new StringBuilder(text.Length + 16);
            builder.Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                char c = text[i];
                if (!NeedsEscape(c)) { builder.Append(c); continue; }
                switch (c)
                {
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    case '\a': builder.Append("\\a"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    case '\v': builder.Append("\\v"); break;
                    case '\u001B': builder.Append("\\e"); break;
                    default:
                        if (c <= '\u00FF') builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                        else builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        break;
                }
            }
            return builder.ToString();
        }

        /// <summary>C0 controls, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and isolates.</summary>
        private static bool NeedsEscape(char c)
        {
            if (c < '\u0020' || (c >= '\u007F' && c <= '\u009F')) return true;
            if (c < '\u200E') return false;
            return c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace EchoNet.Text
{
    /// <summary>The encodings a user can name, by the names PowerShell's own -Encoding uses.</summary>
    public static class TextEncodings
    {
        /// <summary>UTF-8 without a byte-order mark: what a peer on the wire expects.</summary>
        public static readonly Encoding Default = new UTF8Encoding(false);

        private static readonly Dictionary<string, Func<Encoding>> Named =
            new Dictionary<string, Func<Encoding>>(StringComparer.OrdinalIgnoreCase)
            {
                ["utf8"] = () => Default,
                ["utf8NoBOM"] = () => Default,
                ["utf8BOM"] = () => new UTF8Encoding(true),
                ["ascii"] = () => Encoding.ASCII,
                ["unicode"] = () => new UnicodeEncoding(false, false),
                ["bigendianunicode"] = () => new UnicodeEncoding(true, false),
                ["utf32"] = () => new UTF32Encoding(false, false),
                ["bigendianutf32"] = () => new UTF32Encoding(true, false),
                ["latin1"] = () => Encoding.GetEncoding(28591),
            };

        /// <summary>The names offered for completion, in a stable order.</summary>
        public static IEnumerable<string> Names => Named.Keys;

        /// <summary>A named encoding, a web name (utf-16, iso-8859-1) or a code page number; null if none.</summary>
        public static Encoding Find(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            if (Named.TryGetValue(name.Trim(), out var make)) return make();
            try
            {
                return int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name.Trim());
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
        }
    }
}

using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url
{
    /// <summary>The application/x-www-form-urlencoded parser and serializer (URL Standard, section 5).</summary>
    public static class FormUrlEncoded
    {
        /// <summary>
        /// Splits on '&amp;', then on the first '='; '+' means space; then percent-decodes and
        /// UTF-8 decodes. Empty sequences are skipped; order and duplicates are kept.
        /// </summary>
        public static IReadOnlyList<UrlQueryParameter> Parse(string input)
        {
            var list = new List<UrlQueryParameter>();
            if (string.IsNullOrEmpty(input)) return list;
            int start = 0;
            while (start <= input.Length)
            {
                int end = input.IndexOf('&', start);
                if (end < 0) end = input.Length;
                if (end > start)
                {
                    int equals = input.IndexOf('=', start, end - start);
                    int nameEnd = equals < 0 ? end : equals;
                    int valueStart = equals < 0 ? end : equals + 1;
                    list.Add(new UrlQueryParameter(
                        PercentEncoding.DecodeToString(input, start, nameEnd, plusIsSpace: true),
                        PercentEncoding.DecodeToString(input, valueStart, end, plusIsSpace: true)));
                }
                start = end + 1;
            }
            return list;
        }

        /// <summary>The serializer: form percent-encode set, space as '+', pairs joined by '&amp;'.</summary>
        public static string Serialize(IEnumerable<UrlQueryParameter> parameters)
        {
            var sb = new StringBuilder();
            foreach (var parameter in parameters)
            {
                if (sb.Length > 0) sb.Append('&');
                AppendEncoded(sb, parameter.Name);
                sb.Append('=');
                AppendEncoded(sb, parameter.Value);
            }
            return sb.ToString();
        }

        private static void AppendEncoded(StringBuilder sb, string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == ' ') sb.Append('+');
                else PercentEncoding.AppendEncoded(sb, s, ref i, s.Length, PercentEncodeSet.FormUrlEncoded);
            }
        }
    }
}

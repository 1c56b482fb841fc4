using System.Globalization;
using System.Text;

namespace EchoNet.Url
{
    /// <summary>The URL serializer, URL path serializer and origin serialization (URL Standard 4.5, 4.7).</summary>
    internal static class UrlSerializer
    {
        public const string OpaqueOrigin = "null";

        public static string Serialize(WhatwgUrl url)
        {
            var sb = new StringBuilder(64);
            sb.Append(url.scheme).Append(':');
            if (url.host != null)
            {
                sb.Append("//");
                if (url.username.Length > 0 || url.password.Length > 0)
                {
                    sb.Append(url.username);
                    if (url.password.Length > 0) sb.Append(':').Append(url.password);
                    sb.Append('@');
                }
                AppendHostAndPort(sb, url);
            }
            else if (url.opaquePath == null && url.path.Count > 1 && url.path[0].Length == 0)
            {
                // Without "/." a path starting with an empty segment ("//x") would reparse as a host.
                sb.Append("/.");
            }
            AppendPath(sb, url);
            if (url.query != null) sb.Append('?').Append(url.query);
            if (url.fragment != null) sb.Append('#').Append(url.fragment);
            return sb.ToString();
        }

        public static string SerializePath(WhatwgUrl url)
        {
            if (url.opaquePath != null) return url.opaquePath;
            if (url.path.Count == 1) return "/" + url.path[0];
            var sb = new StringBuilder();
            AppendPath(sb, url);
            return sb.ToString();
        }

        private static void AppendPath(StringBuilder sb, WhatwgUrl url)
        {
            if (url.opaquePath != null)
            {
                sb.Append(url.opaquePath);
                return;
            }
            foreach (string segment in url.path) sb.Append('/').Append(segment);
        }

        public static void AppendHostAndPort(StringBuilder sb, WhatwgUrl url)
        {
            sb.Append(url.host);
            if (url.port >= 0) sb.Append(':').Append(url.port.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>
        /// The serialized origin: scheme://host[:port] for http(s), ws(s) and ftp; for blob the
        /// origin of the URL in its path when that is http(s); otherwise an opaque origin, "null".
        /// </summary>
        public static string Origin(WhatwgUrl url)
        {
            switch (url.scheme)
            {
                case SpecialSchemes.Ftp:
                case SpecialSchemes.Http:
                case SpecialSchemes.Https:
                case SpecialSchemes.Ws:
                case SpecialSchemes.Wss:
                    return TupleOrigin(url);
                case "blob":
                    // Not recursive: only an http(s) inner URL gives a tuple origin.
                    var inner = UrlParser.Parse(SerializePath(url));
                    return inner.IsValid && (inner.Url.scheme == SpecialSchemes.Http || inner.Url.scheme == SpecialSchemes.Https)
                        ? TupleOrigin(inner.Url)
                        : OpaqueOrigin;
                default:
                    return OpaqueOrigin;
            }
        }

        private static string TupleOrigin(WhatwgUrl url)
        {
            var sb = new StringBuilder(url.scheme.Length + 3 + url.host.Length + 6);
            sb.Append(url.scheme).Append("://");
            AppendHostAndPort(sb, url);
            return sb.ToString();
        }
    }
}

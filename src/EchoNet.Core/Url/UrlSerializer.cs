namespace EchoNet.Url
{
    /// <summary>
    /// Origin serialization (URL Standard 4.7). The URL serializer itself (4.5) has no code of its
    /// own: <see cref="UrlParser"/> writes the serialization while it parses, in the Standard's
    /// order (scheme ':' ['//' userinfo '@' host ':' port | '/.'] path '?' query '#' fragment).
    /// </summary>
    internal static class UrlSerializer
    {
        public const string OpaqueOrigin = "null";

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
                    var inner = UrlParser.Parse(url.Pathname);
                    return inner.IsValid && (inner.Url.scheme == SpecialSchemes.Http || inner.Url.scheme == SpecialSchemes.Https)
                        ? TupleOrigin(inner.Url)
                        : OpaqueOrigin;
                default:
                    return OpaqueOrigin;
            }
        }

        /// <summary>scheme "://" host [":" port]: the href up to the path, without the credentials.</summary>
        private static string TupleOrigin(WhatwgUrl url)
        {
            int authorityEnd = url.AuthorityEnd;
            if (url.hostStart == url.UsernameStart) return url.href.Substring(0, authorityEnd);
            return url.href.Substring(0, url.UsernameStart) + url.href.Substring(url.hostStart, authorityEnd - url.hostStart);
        }
    }
}

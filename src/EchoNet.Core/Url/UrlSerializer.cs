using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// The URL serializer (URL Standard 4.5) and origin serialization (4.7). A parse needs no
    /// serializer: <see cref="UrlParser"/> writes the serialization while it parses, in the
    /// Standard's order (scheme ':' ['//' userinfo '@' host ':' port | '/.'] path '?' query '#'
    /// fragment). The setters edit a <see cref="UrlRecord"/> and serialize it here.
    /// </summary>
    internal static class UrlSerializer
    {
        /// <summary>Writes the href of <paramref name="url"/> and the offsets of its components into <paramref name="into"/>.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void Serialize(in UrlRecord url, WhatwgUrl into)
        {
            var sb = UrlBuilder.Rent(url.Scheme.Length + url.Username.Length + url.Password.Length + url.Host.Length
                + url.Path.Length + url.Query.Length + url.Fragment.Length + 16);
            sb.Append(url.Scheme);
            sb.Append(':');
            int usernameEnd, hostStart, hostEnd;
            if (url.HostType != UrlHostType.None)
            {
                sb.Append("//");
                Append(sb, url.Username);
                usernameEnd = sb.Length;
                if (url.Password.Length > 0)
                {
                    sb.Append(':');
                    Append(sb, url.Password);
                }
                if (url.IncludesCredentials) sb.Append('@');
                hostStart = sb.Length;
                Append(sb, url.Host);
                hostEnd = sb.Length;
                if (url.Port >= 0)
                {
                    sb.Append(':');
                    sb.AppendDecimal(url.Port);
                }
            }
            else
            {
                usernameEnd = hostStart = hostEnd = sb.Length;
            }
            // Without "/." a path starting with an empty segment ("//x") would reparse as a host.
            bool dotPrefix = url.HostType == UrlHostType.None && !url.OpaquePath && url.Path.Length >= 2
                && url.Path[0] == '/' && url.Path[1] == '/';
            if (dotPrefix) sb.Append("/.");
            int pathStart = sb.Length;
            Append(sb, url.Path);
            int queryStart = -1, fragmentStart = -1;
            if (!url.Query.IsNull)
            {
                queryStart = sb.Length;
                sb.Append('?');
                Append(sb, url.Query);
            }
            if (!url.Fragment.IsNull)
            {
                fragmentStart = sb.Length;
                sb.Append('#');
                Append(sb, url.Fragment);
            }
            into.Reset(sb.ToString(), url.Scheme, url.HostType, url.Port, usernameEnd, hostStart, hostEnd,
                pathStart, queryStart, fragmentStart, url.OpaquePath, dotPrefix);
            UrlBuilder.Return(sb);
        }

        [MethodImpl(Tiering.Inline)]
        private static void Append(UrlBuilder sb, TextSlice slice)
        {
            if (slice.Length == 0) return;
            if (slice.EncodeSet is PercentEncodeSet set) PercentEncoding.AppendEncoded(sb, slice.Source, slice.Start, slice.Start + slice.Length, set);
            else sb.Append(slice.Source, slice.Start, slice.Length);
        }

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

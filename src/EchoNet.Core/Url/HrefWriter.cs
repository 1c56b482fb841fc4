using System.Runtime.CompilerServices;
using static EchoNet.Url.CodePoints;

namespace EchoNet.Url
{
    /// <summary>
    /// The steps that write the href while <see cref="UrlParser"/> parses: the serializer's side of
    /// a parse (as ada keeps <c>serializers.cpp</c> apart from <c>parser.cpp</c>). The parser decides
    /// what each code point means; these steps put the result into the href in the Standard's
    /// serialization order and note where each component begins in <see cref="HrefParts"/>.
    /// </summary>
    internal static class HrefWriter
    {
        /// <summary>The href is complete: insert "/." where the Standard's serializer puts it, and make the URL.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static WhatwgUrl Finish(UrlBuilder sb, ref HrefParts url)
        {
            if (url.PathStart < 0) url.PathStart = sb.Length;
            bool dotPrefix = false;
            if (url.HostType == UrlHostType.None && !url.Opaque)
            {
                // Without "/." a path starting with an empty segment ("//x") would reparse as a host.
                int pathEnd = url.QueryStart >= 0 ? url.QueryStart : url.FragmentStart >= 0 ? url.FragmentStart : sb.Length;
                if (pathEnd - url.PathStart >= 2 && sb[url.PathStart] == '/' && sb[url.PathStart + 1] == '/')
                {
                    sb.Insert(url.PathStart, "/.");
                    url.PathStart += 2;
                    if (url.QueryStart >= 0) url.QueryStart += 2;
                    if (url.FragmentStart >= 0) url.FragmentStart += 2;
                    dotPrefix = true;
                }
            }
            int usernameEnd = url.UsernameEnd, hostStart = url.HostStart, hostEnd = url.HostEnd;
            if (url.HostType == UrlHostType.None) usernameEnd = hostStart = hostEnd = url.Scheme.Length + 1;
            return new WhatwgUrl(sb.ToString(), url.Scheme, url.HostType, url.Port, usernameEnd, hostStart, hostEnd,
                url.PathStart, url.QueryStart, url.FragmentStart, url.Opaque, dotPrefix);
        }

        /// <summary>Closes the path segment that starts at <paramref name="segmentStart"/> (after its '/').</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void EndSegment(UrlBuilder sb, int segmentStart, bool slash, ref HrefParts url)
        {
            int length = sb.Length - segmentStart;
            if (PathSegments.IsDoubleDot(sb, segmentStart, length))
            {
                sb.Length = segmentStart - 1;
                Shorten(sb, ref url);
                if (!slash) sb.Append('/');
            }
            else if (PathSegments.IsSingleDot(sb, segmentStart, length))
            {
                sb.Length = segmentStart - 1;
                if (!slash) sb.Append('/');
            }
            else if (url.Scheme == SpecialSchemes.File && segmentStart - 1 == url.PathStart
                && PathSegments.IsWindowsDriveLetter(sb, segmentStart, length))
            {
                sb[segmentStart + 1] = ':';
            }
        }

        /// <summary>"Shorten a URL's path": drop the last segment, but never a file URL's lone drive letter.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void Shorten(UrlBuilder sb, ref HrefParts url)
        {
            int pathStart = url.PathStart;
            if (pathStart < 0 || sb.Length == pathStart) return;
            if (url.Scheme == SpecialSchemes.File && sb.Length - pathStart == 3
                && IsAsciiAlpha(sb[pathStart + 1]) && sb[pathStart + 2] == ':') return;
            int slash = sb.Length - 1;
            while (sb[slash] != '/') slash--;
            sb.Length = slash;
        }

        public static void StartQuery(UrlBuilder sb, ref HrefParts url)
        {
            if (url.PathStart < 0) url.PathStart = sb.Length;
            url.QueryStart = sb.Length;
            sb.Append('?');
        }

        public static void StartFragment(UrlBuilder sb, ref HrefParts url)
        {
            if (url.PathStart < 0) url.PathStart = sb.Length;
            url.FragmentStart = sb.Length;
            sb.Append('#');
        }

        /// <summary>The base's query (with its '?'), when it has one.</summary>
        public static void CopyQuery(WhatwgUrl from, UrlBuilder sb, ref HrefParts url)
        {
            if (from.queryStart < 0) return;
            url.QueryStart = sb.Length;
            sb.Append(from.href, from.queryStart, from.QueryEnd - from.queryStart);
        }

        /// <summary>
        /// The base's credentials, host and port. The href so far is just "scheme:", the same as
        /// the base's, so the base's offsets hold for this URL too.
        /// </summary>
        public static void CopyAuthority(WhatwgUrl from, UrlBuilder sb, ref HrefParts url)
        {
            int authorityStart = from.SchemeEnd + 1;
            sb.Append(from.href, authorityStart, from.AuthorityEnd - authorityStart);
            url.HostType = from.hostType;
            url.Port = from.port;
            url.UsernameEnd = from.usernameEnd;
            url.HostStart = from.hostStart;
            url.HostEnd = from.hostEnd;
        }

        /// <summary>The empty host of a file URL: "//" and nothing.</summary>
        public static void AppendEmptyHost(UrlBuilder sb, ref HrefParts url)
        {
            sb.Append("//");
            url.UsernameEnd = url.HostStart = url.HostEnd = sb.Length;
            url.HostType = UrlHostType.Empty;
        }

        [MethodImpl(Tiering.Optimized)]
        public static UrlValidationError AppendHost(UrlBuilder sb, string input, int start, int end, bool special, ref HrefParts url)
        {
            url.HostStart = sb.Length;
            url.Cancellation.ThrowIfCancellationRequested();
            var error = HostParser.Append(sb, input, start, end, isOpaque: !special, out UrlHostType type, ref url.Errors, url.Cancellation);
            url.HostEnd = sb.Length;
            url.HostType = type;
            return error;
        }
    }
}

using System.Runtime.CompilerServices;
using static EchoNet.Url.NormalScan;

namespace EchoNet.Url
{
    /// <summary>
    /// The parser's fast path for a URL that is already normal: one pass over the input proves that
    /// the basic URL parser would give back the input itself as the href, and would meet no
    /// validation error on the way; the input then is the href, and only the component offsets
    /// are noted. Most real URLs are like this (lowercase http or https, an ASCII domain, a path
    /// with no dot segments, nothing to percent-encode), and the full parser would rebuild each
    /// one character by character. Anything this pass does not prove normal returns false and
    /// goes to the full parser, which is the reference: the two must agree on every input. The
    /// full parser then starts where this pass stopped (see <see cref="NormalPrefix"/>): what was
    /// proved normal is already the beginning of the href.
    /// </summary>
    /// <remarks>
    /// What is proved, and which steps of the Standard make it so:
    /// <list type="bullet">
    /// <item>A lowercase scheme followed by ':' (the scheme state lowercases). A special scheme
    /// with uppercase letters is not normal, but what follows it can still be proved.</item>
    /// <item>file: "//", an empty host or a plain domain other than localhost, then a path whose
    /// first segment is a drive letter only as "X:" after an empty host (see
    /// <see cref="TryParseFile"/>); proved whole or not at all.</item>
    /// <item>Special schemes: "//" (else special-scheme-missing-following-solidus), no userinfo
    /// (any '@' draws invalid-credentials), a domain of lowercase letters, digits, '-' and '.'
    /// that domain to ASCII keeps as it is and would pass even when strict, and a host ending in
    /// a number only as a dotted quad in canonical form; a port
    /// only without leading zeros, in range and not the scheme's default; then a path.</item>
    /// <item>Non-special schemes: an opaque path, or "//" and an opaque host (URL code points that
    /// are not forbidden host code points), or a path that starts with '/'.</item>
    /// <item>Path, query and fragment: URL code points only (every other ASCII code point is either
    /// percent-encoded or an invalid-URL-unit, and non-ASCII is always percent-encoded), '%' only
    /// before two hex digits, no '\'' in a special query, no single- or double-dot segment.</item>
    /// </list>
    /// Tabs, newlines, leading or trailing C0 controls and spaces are none of these, so they fail
    /// the scan too.
    /// </remarks>
    internal static class NormalUrlFastPath
    {
        /// <summary>
        /// The URL when <paramref name="input"/> is already normal (see the class remarks); false
        /// when it is not proved so, and the full parser must run, from <paramref name="prefix"/>
        /// when that is not empty. The base URL plays no part: an input with a scheme is parsed the
        /// same against any base.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool TryParse(string input, out WhatwgUrl url, out NormalPrefix prefix)
        {
            url = null;
            prefix = default;
            if (input == null) return false;
            int length = input.Length;

            // Scheme: an ASCII letter, then scheme code points (never percent-encoded), up to ':'. The
            // scheme state lowercases it: with an uppercase letter the input is not normal, but the
            // rest of a special URL can still be proved (the full parser writes the scheme).
            if (length == 0 || !CodePoints.IsAsciiAlpha(input[0])) return false;
            byte[] units = Units;
            bool uppercase = input[0] < 'a';
            int colon = 1;
            while (colon < length && input[colon] < (uint)units.Length)
            {
                byte unit = units[input[colon]];
                if ((unit & (SchemeUnit | SchemeUpperUnit)) == 0) break;
                uppercase |= (unit & SchemeUpperUnit) != 0;
                colon++;
            }
            if (colon == length || input[colon] != ':') return false;
            // A special scheme is a shared constant; any other is made a string only when needed.
            string scheme = SpecialSchemes.SpecialOrNull(input, 0, colon);
            if (uppercase && (scheme == null || scheme == SpecialSchemes.File)) return false;
            prefix.SchemeIsLowercase = !uppercase;
            int defaultPort = scheme == null ? SpecialSchemes.NoDefaultPort : SpecialSchemes.DefaultPortOrNone(scheme);
            bool special = scheme != null;
            prefix.Scheme = scheme;
            prefix.SchemeLength = colon;
            prefix.Special = special;
            prefix.Port = -1;
            prefix.HostStart = prefix.HostEnd = prefix.PathStart = prefix.QueryStart = prefix.FragmentStart = -1;

            int i = colon + 1;
            bool hasAuthority = i + 1 < length && input[i] == '/' && input[i + 1] == '/';
            if (scheme == SpecialSchemes.File) return hasAuthority && TryParseFile(input, i + 2, ref prefix, out url);
            if (!hasAuthority)
            {
                // The choice between a path and an opaque path (or a path and an authority) is made
                // on the code point after ':' (after ":/"); a tab or newline there is removed before
                // the parser looks, so it proves nothing.
                if (special || (i < length && CodePoints.IsAsciiTabOrNewline(input[i]))) return Unproved(out prefix);
                if (i < length && input[i] == '/')
                {
                    if (i + 1 < length && CodePoints.IsAsciiTabOrNewline(input[i + 1])) return Unproved(out prefix);
                    return TryFinishPath(input, i, ref prefix, out url);
                }
                // An opaque path, up to '?' or '#'.
                prefix.Opaque = true;
                prefix.PathStart = i;
                int pathEnd = Skip(input, i, OpaquePathUnit);
                prefix.Proved(ParserState.OpaquePath, pathEnd, pathEnd);
                return TryFinishQuery(input, pathEnd, ref prefix, out url);
            }

            // Authority: the host (no userinfo), then maybe a port.
            int hostStart = i + 2;
            UrlHostType hostType;
            int hostEnd;
            if (special)
            {
                hostEnd = SkipDomain(input, hostStart, out hostType);
                if (hostType == UrlHostType.None) return Unproved(out prefix);
            }
            else
            {
                hostEnd = Skip(input, hostStart, OpaqueHostUnit);
                if (hostEnd == hostStart) return Unproved(out prefix);
                hostType = UrlHostType.Opaque;
            }
            prefix.HostType = hostType;
            prefix.HostStart = hostStart;
            prefix.HostEnd = hostEnd;
            int port = -1;
            i = hostEnd;
            if (i < length && input[i] == ':')
            {
                i = SkipPort(input, i + 1, out port);
                if (port < 0 || port == defaultPort)
                {
                    // A default port (dropped) or one the port state must judge: the host is proved
                    // when no '@' follows in the authority (the last '@' ends the credentials).
                    if (AtFollows(input, i, special)) return Unproved(out prefix);
                    prefix.Proved(ParserState.Port, hostEnd, hostEnd + 1);
                    return false;
                }
            }
            bool authorityEnds = i == length || input[i] == '/' || input[i] == '?' || input[i] == '#';
            if (!authorityEnds) return Unproved(out prefix);
            prefix.Port = port;
            if (i == length || input[i] != '/')
            {
                // A special URL's path is never empty: "http://host" becomes "http://host/".
                if (special)
                {
                    prefix.Proved(ParserState.PathStart, i, i);
                    return false;
                }
                prefix.PathStart = i;
                return TryFinishQuery(input, i, ref prefix, out url);
            }
            return TryFinishPath(input, i, ref prefix, out url);
        }

        /// <summary>
        /// A file URL after "file://": an empty host, or a domain the host parser keeps as it is and
        /// that is not "localhost" (which becomes the empty host); then a path, whose first segment
        /// may be a drive letter only as "X:" after an empty host (the path state rewrites "X|",
        /// and empties a host before a drive letter). Nothing is proved in part: where this stops,
        /// the full parser starts from the beginning, so the file states' quirks stay all its own.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryParseFile(string input, int hostStart, ref NormalPrefix prefix, out WhatwgUrl url)
        {
            url = null;
            int hostEnd = hostStart;
            UrlHostType hostType = UrlHostType.Empty;
            if (hostStart < input.Length && input[hostStart] != '/')
            {
                hostEnd = SkipDomain(input, hostStart, out hostType);
                if (hostType == UrlHostType.None || IsLocalhost(input, hostStart, hostEnd)) return Unproved(out prefix);
            }
            // The path must follow at once: file://host with no path (or with a port, '?' or '#') is rewritten or fails.
            if (hostEnd == input.Length || input[hostEnd] != '/') return Unproved(out prefix);
            int segment = hostEnd + 1;
            if (segment + 1 < input.Length && CodePoints.IsAsciiAlpha(input[segment]) && (input[segment + 1] == ':' || input[segment + 1] == '|')
                && (segment + 2 == input.Length || input[segment + 2] == '/' || input[segment + 2] == '?' || input[segment + 2] == '#')
                && (hostType != UrlHostType.Empty || input[segment + 1] == '|'))
                return Unproved(out prefix);
            prefix.HostType = hostType;
            prefix.HostStart = hostStart;
            prefix.HostEnd = hostEnd;
            if (TryFinishPath(input, hostEnd, ref prefix, out url)) return true;
            return Unproved(out prefix);
        }

        private static bool IsLocalhost(string input, int start, int end) =>
            end - start == 9 && string.CompareOrdinal(input, start, "localhost", 0, 9) == 0;

        /// <summary>Whether an '@' comes before the authority that goes on at <paramref name="i"/> ends (at / ? #, or '\' when special).</summary>
        private static bool AtFollows(string input, int i, bool special)
        {
            for (; i < input.Length; i++)
            {
                char c = input[i];
                if (c == '@') return true;
                if (c == '/' || c == '?' || c == '#' || (special && c == '\\')) return false;
            }
            return false;
        }

        /// <summary>Nothing proved: the full parser starts from the beginning.</summary>
        private static bool Unproved(out NormalPrefix prefix)
        {
            prefix = default;
            return false;
        }

        /// <summary>A path from <paramref name="pathStart"/> (a '/'): segments, none of them a dot segment.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryFinishPath(string input, int pathStart, ref NormalPrefix prefix, out WhatwgUrl url)
        {
            prefix.PathStart = pathStart;
            int i = pathStart;
            while (true)
            {
                // Everything before this segment's '/' is proved; the path state writes the '/' itself.
                prefix.Proved(ParserState.Path, i, i + 1);
                int segmentStart = i + 1;
                i = Skip(input, segmentStart, PathUnit);
                if (IsDotSegment(input, segmentStart, i))
                {
                    url = null;
                    return false;
                }
                if (i == input.Length || input[i] != '/') break;
            }
            return TryFinishQuery(input, i, ref prefix, out url);
        }

        /// <summary>Where the path ended at <paramref name="i"/>: the end, or a query and/or a fragment.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryFinishQuery(string input, int i, ref NormalPrefix prefix, out WhatwgUrl url)
        {
            url = null;
            int length = input.Length;
            if (i < length && input[i] == '?')
            {
                prefix.QueryStart = i;
                i = Skip(input, i + 1, prefix.Special ? SpecialQueryUnit : QueryUnit);
                prefix.Proved(ParserState.Query, i, i);
            }
            if (i < length && input[i] == '#')
            {
                prefix.FragmentStart = i;
                i = Skip(input, i + 1, FragmentUnit);
                prefix.Proved(ParserState.Fragment, i, i);
            }
            if (i != length || !prefix.SchemeIsLowercase) return false;
            // No credentials, so the username ends where the host starts (for no host, after the scheme's ':').
            int hostStart = prefix.HostType == UrlHostType.None ? prefix.SchemeLength + 1 : prefix.HostStart;
            int hostEnd = prefix.HostType == UrlHostType.None ? hostStart : prefix.HostEnd;
            url = new WhatwgUrl(input, prefix.SchemeOf(input), prefix.HostType, prefix.Port, hostStart, hostStart, hostEnd, prefix.PathStart,
                prefix.QueryStart, prefix.FragmentStart, prefix.Opaque, dotPrefix: false);
            return true;
        }
    }
}

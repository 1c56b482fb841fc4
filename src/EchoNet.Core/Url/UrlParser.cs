using System.Collections.Generic;
using System.Text;
using static EchoNet.Url.CodePoints;

namespace EchoNet.Url
{
    /// <summary>
    /// The basic URL parser of the WHATWG URL Standard (section 4.4): one loop over the input and
    /// one switch over <see cref="ParserState"/>, each case following the Standard's steps.
    /// No exceptions, no regular expressions, no recursion; every state moves the pointer forward
    /// except the Standard's bounded rewinds (scheme restart, authority '@' rewind), so the work
    /// is linear in the input.
    /// </summary>
    public static class UrlParser
    {
        /// <summary>
        /// Parses <paramref name="input"/> against <paramref name="baseUrl"/> (a URL string, or null for none).
        /// A base that fails to parse gives <see cref="UrlValidationError.BaseUrlInvalid"/>.
        /// </summary>
        public static UrlParseResult Parse(string input, string baseUrl = null)
        {
            WhatwgUrl parsedBase = null;
            if (baseUrl != null)
            {
                var error = Run(baseUrl, null, out parsedBase);
                if (error != UrlValidationError.None) return new UrlParseResult(null, UrlValidationError.BaseUrlInvalid);
            }
            return ParseAgainst(input, parsedBase);
        }

        /// <summary>Parses <paramref name="input"/> against an already parsed base (or null for none).</summary>
        public static UrlParseResult ParseAgainst(string input, WhatwgUrl baseUrl)
        {
            var error = Run(input, baseUrl, out WhatwgUrl url);
            return new UrlParseResult(url, error);
        }

        /// <summary>Parses without building a result value; false with the reason on failure.</summary>
        public static bool TryParse(string input, WhatwgUrl baseUrl, out WhatwgUrl url, out UrlValidationError error)
        {
            error = Run(input, baseUrl, out url);
            return error == UrlValidationError.None;
        }

        /// <summary>The basic URL parser with no encoding override (always UTF-8) and no state override.</summary>
        private static UrlValidationError Run(string input, WhatwgUrl baseUrl, out WhatwgUrl result)
        {
            result = null;
            input = input ?? string.Empty;

            // Steps 1-3: strip leading/trailing C0 control or space, then remove all tabs and newlines.
            int start = 0, end = input.Length;
            while (start < end && IsC0ControlOrSpace(input[start])) start++;
            while (end > start && IsC0ControlOrSpace(input[end - 1])) end--;
            if (ContainsTabOrNewline(input, start, end))
            {
                input = WithoutTabsAndNewlines(input, start, end);
                start = 0;
                end = input.Length;
            }

            var url = new WhatwgUrl();
            bool special = false;
            var buffer = new StringBuilder();
            StringBuilder username = null, password = null;
            bool atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
            int authorityStart = -1; // where the authority state's buffer begins in input
            var state = ParserState.SchemeStart;

            for (int pointer = start; ; pointer++)
            {
                int c = pointer < end ? input[pointer] : Eof;
                switch (state)
                {
                    case ParserState.SchemeStart:
                        // A URL starts with an ASCII letter if it has a scheme at all.
                        if (IsAsciiAlpha(c))
                        {
                            buffer.Append(ToAsciiLower(c));
                            state = ParserState.Scheme;
                        }
                        else
                        {
                            state = ParserState.NoScheme;
                            pointer--;
                        }
                        break;

                    case ParserState.Scheme:
                        // Letters, digits, + - . up to the first ':'; anything else means "no scheme".
                        if (IsAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.')
                        {
                            buffer.Append(ToAsciiLower(c));
                        }
                        else if (c == ':')
                        {
                            url.scheme = SpecialSchemes.Intern(buffer);
                            special = SpecialSchemes.IsSpecial(url.scheme);
                            buffer.Clear();
                            if (url.scheme == SpecialSchemes.File)
                            {
                                state = ParserState.File;
                            }
                            else if (special && baseUrl != null && baseUrl.scheme == url.scheme)
                            {
                                // The base is special too, so it has a list path.
                                state = ParserState.SpecialRelativeOrAuthority;
                            }
                            else if (special)
                            {
                                state = ParserState.SpecialAuthoritySlashes;
                            }
                            else if (At(input, pointer + 1, end) == '/')
                            {
                                state = ParserState.PathOrAuthority;
                                pointer++;
                            }
                            else
                            {
                                url.opaquePath = string.Empty;
                                state = ParserState.OpaquePath;
                            }
                        }
                        else
                        {
                            // Not a scheme after all: start over, reading the input as relative.
                            buffer.Clear();
                            state = ParserState.NoScheme;
                            pointer = start - 1;
                        }
                        break;

                    case ParserState.NoScheme:
                        // A relative reference: it needs a base, and a base with an opaque path takes only "#...".
                        if (baseUrl == null || (baseUrl.HasOpaquePath && c != '#'))
                            return UrlValidationError.MissingSchemeNonRelativeUrl;
                        if (baseUrl.HasOpaquePath)
                        {
                            // A fragment-only reference against a base with an opaque path.
                            url.scheme = baseUrl.scheme;
                            url.opaquePath = baseUrl.opaquePath;
                            url.query = baseUrl.query;
                            url.fragment = string.Empty;
                            state = ParserState.Fragment;
                        }
                        else
                        {
                            state = baseUrl.scheme != SpecialSchemes.File ? ParserState.Relative : ParserState.File;
                            pointer--;
                        }
                        break;

                    case ParserState.SpecialRelativeOrAuthority:
                        // Same special scheme as the base: "//" starts an authority, else relative.
                        if (c == '/' && At(input, pointer + 1, end) == '/')
                        {
                            state = ParserState.SpecialAuthorityIgnoreSlashes;
                            pointer++;
                        }
                        else
                        {
                            state = ParserState.Relative;
                            pointer--;
                        }
                        break;

                    case ParserState.PathOrAuthority:
                        // Non-special "scheme:/": a second '/' starts an authority.
                        if (c == '/')
                        {
                            state = ParserState.Authority;
                        }
                        else
                        {
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.Relative:
                        // Resolve against the base: inherit its authority, and its path and query unless replaced.
                        url.scheme = baseUrl.scheme;
                        special = SpecialSchemes.IsSpecial(url.scheme);
                        if (c == '/' || (special && c == '\\'))
                        {
                            state = ParserState.RelativeSlash;
                        }
                        else
                        {
                            CopyAuthority(baseUrl, url);
                            url.path = new List<string>(baseUrl.path);
                            url.query = baseUrl.query;
                            if (c == '?')
                            {
                                url.query = string.Empty;
                                state = ParserState.Query;
                            }
                            else if (c == '#')
                            {
                                url.fragment = string.Empty;
                                state = ParserState.Fragment;
                            }
                            else if (c != Eof)
                            {
                                url.query = null;
                                PathSegments.Shorten(url.path, url.scheme);
                                state = ParserState.Path;
                                pointer--;
                            }
                        }
                        break;

                    case ParserState.RelativeSlash:
                        // After one slash: another one (or '\' when special) starts an authority.
                        if (special && (c == '/' || c == '\\'))
                        {
                            state = ParserState.SpecialAuthorityIgnoreSlashes;
                        }
                        else if (c == '/')
                        {
                            state = ParserState.Authority;
                        }
                        else
                        {
                            CopyAuthority(baseUrl, url);
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.SpecialAuthoritySlashes:
                        // Special URLs expect "//" but tolerate missing slashes.
                        state = ParserState.SpecialAuthorityIgnoreSlashes;
                        if (c == '/' && At(input, pointer + 1, end) == '/') pointer++;
                        else pointer--;
                        break;

                    case ParserState.SpecialAuthorityIgnoreSlashes:
                        // Any number of '/' and '\' is skipped.
                        if (c != '/' && c != '\\')
                        {
                            state = ParserState.Authority;
                            pointer--;
                        }
                        break;

                    case ParserState.Authority:
                        // Find the last '@' before the host: what precedes it is the userinfo.
                        // The buffer is input[authorityStart..pointer), so no copy is made.
                        if (authorityStart < 0) authorityStart = pointer;
                        if (c == '@')
                        {
                            // Credentials: everything before the last '@'; an earlier '@' is data, encoded.
                            if (username == null)
                            {
                                username = new StringBuilder();
                                password = new StringBuilder();
                            }
                            if (atSignSeen) (passwordTokenSeen ? password : username).Append("%40");
                            atSignSeen = true;
                            for (int i = authorityStart; i < pointer; i++)
                            {
                                if (input[i] == ':' && !passwordTokenSeen)
                                {
                                    passwordTokenSeen = true;
                                    continue;
                                }
                                PercentEncoding.AppendEncoded(passwordTokenSeen ? password : username, input, ref i, pointer, PercentEncodeSet.Userinfo);
                            }
                            authorityStart = pointer + 1;
                        }
                        else if (EndsAuthority(c, special))
                        {
                            if (atSignSeen && authorityStart == pointer) return UrlValidationError.HostMissing;
                            // Rewind to the start of the host and parse it in the host state.
                            pointer = authorityStart - 1;
                            if (username != null)
                            {
                                url.username = username.ToString();
                                url.password = password.ToString();
                            }
                            state = ParserState.Host;
                        }
                        break;

                    case ParserState.Host:
                        // Up to ':' (outside IPv6 brackets) or the end of the authority; then the host parser.
                        if (c == ':' && !insideBrackets)
                        {
                            if (buffer.Length == 0) return UrlValidationError.HostMissing;
                            var error = SetHost(url, buffer, special);
                            if (error != UrlValidationError.None) return error;
                            state = ParserState.Port;
                        }
                        else if (EndsAuthority(c, special))
                        {
                            pointer--;
                            if (special && buffer.Length == 0) return UrlValidationError.HostMissing;
                            var error = SetHost(url, buffer, special);
                            if (error != UrlValidationError.None) return error;
                            state = ParserState.PathStart;
                        }
                        else
                        {
                            if (c == '[') insideBrackets = true;
                            if (c == ']') insideBrackets = false;
                            buffer.Append((char)c);
                        }
                        break;

                    case ParserState.Port:
                        // Decimal digits only; the scheme's default port is stored as no port.
                        if (IsAsciiDigit(c))
                        {
                            buffer.Append((char)c);
                        }
                        else if (EndsAuthority(c, special))
                        {
                            if (buffer.Length != 0)
                            {
                                int port = ParsePort(buffer);
                                if (port > 65535) return UrlValidationError.PortOutOfRange;
                                url.port = port == SpecialSchemes.DefaultPortOrNone(url.scheme) ? -1 : port;
                                buffer.Clear();
                            }
                            state = ParserState.PathStart;
                            pointer--;
                        }
                        else
                        {
                            return UrlValidationError.PortInvalid;
                        }
                        break;

                    case ParserState.File:
                        // file: URLs always have a host (maybe empty) and resolve specially against a file: base.
                        url.scheme = SpecialSchemes.File;
                        special = true;
                        url.host = string.Empty;
                        url.hostType = UrlHostType.Empty;
                        if (c == '/' || c == '\\')
                        {
                            state = ParserState.FileSlash;
                        }
                        else if (baseUrl != null && baseUrl.scheme == SpecialSchemes.File)
                        {
                            url.host = baseUrl.host;
                            url.hostType = baseUrl.hostType;
                            url.path = new List<string>(baseUrl.path);
                            url.query = baseUrl.query;
                            if (c == '?')
                            {
                                url.query = string.Empty;
                                state = ParserState.Query;
                            }
                            else if (c == '#')
                            {
                                url.fragment = string.Empty;
                                state = ParserState.Fragment;
                            }
                            else if (c != Eof)
                            {
                                url.query = null;
                                // A drive letter starts a new absolute path instead of resolving against the base.
                                if (!PathSegments.StartsWithWindowsDriveLetter(input, pointer, end)) PathSegments.Shorten(url.path, url.scheme);
                                else url.path.Clear();
                                state = ParserState.Path;
                                pointer--;
                            }
                        }
                        else
                        {
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.FileSlash:
                        // "file:/" so far: a second slash starts a host; else keep the base's host and drive.
                        if (c == '/' || c == '\\')
                        {
                            state = ParserState.FileHost;
                        }
                        else
                        {
                            if (baseUrl != null && baseUrl.scheme == SpecialSchemes.File)
                            {
                                url.host = baseUrl.host;
                                url.hostType = baseUrl.hostType;
                                // "/path" against file:///C:/x keeps the base's drive.
                                if (!PathSegments.StartsWithWindowsDriveLetter(input, pointer, end)
                                    && baseUrl.path.Count > 0 && PathSegments.IsNormalizedWindowsDriveLetter(baseUrl.path[0]))
                                {
                                    url.path.Add(baseUrl.path[0]);
                                }
                            }
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.FileHost:
                        // The host of a file URL; "localhost" means the empty host, a drive letter is a path.
                        if (c == Eof || c == '/' || c == '\\' || c == '?' || c == '#')
                        {
                            pointer--;
                            if (PathSegments.IsWindowsDriveLetter(buffer))
                            {
                                // "file://C:/x": the drive letter is the first path segment, not a host;
                                // the buffer is kept and finished by the path state.
                                state = ParserState.Path;
                            }
                            else if (buffer.Length == 0)
                            {
                                url.host = string.Empty;
                                url.hostType = UrlHostType.Empty;
                                state = ParserState.PathStart;
                            }
                            else
                            {
                                var error = SetHost(url, buffer, special: true);
                                if (error != UrlValidationError.None) return error;
                                if (url.host == "localhost")
                                {
                                    url.host = string.Empty;
                                    url.hostType = UrlHostType.Empty;
                                }
                                state = ParserState.PathStart;
                            }
                        }
                        else
                        {
                            buffer.Append((char)c);
                        }
                        break;

                    case ParserState.PathStart:
                        // Skip the single slash that starts the path.
                        if (special)
                        {
                            state = ParserState.Path;
                            if (c != '/' && c != '\\') pointer--;
                        }
                        else if (c == '?')
                        {
                            url.query = string.Empty;
                            state = ParserState.Query;
                        }
                        else if (c == '#')
                        {
                            url.fragment = string.Empty;
                            state = ParserState.Fragment;
                        }
                        else if (c != Eof)
                        {
                            state = ParserState.Path;
                            if (c != '/') pointer--;
                        }
                        break;

                    case ParserState.Path:
                    {
                        // Collect one segment per '/' (and '\' when special); dot segments edit the path.
                        bool slash = c == '/' || (special && c == '\\');
                        if (c == Eof || slash || c == '?' || c == '#')
                        {
                            var path = url.path;
                            if (PathSegments.IsDoubleDot(buffer))
                            {
                                PathSegments.Shorten(path, url.scheme);
                                if (!slash) path.Add(string.Empty);
                            }
                            else if (PathSegments.IsSingleDot(buffer))
                            {
                                if (!slash) path.Add(string.Empty);
                            }
                            else
                            {
                                if (url.scheme == SpecialSchemes.File && path.Count == 0 && PathSegments.IsWindowsDriveLetter(buffer))
                                    buffer[1] = ':';
                                path.Add(buffer.ToString());
                            }
                            buffer.Clear();
                            if (c == '?')
                            {
                                url.query = string.Empty;
                                state = ParserState.Query;
                            }
                            else if (c == '#')
                            {
                                url.fragment = string.Empty;
                                state = ParserState.Fragment;
                            }
                        }
                        else
                        {
                            PercentEncoding.AppendEncoded(buffer, input, ref pointer, end, PercentEncodeSet.Path);
                        }
                        break;
                    }

                    case ParserState.OpaquePath:
                        // The opaque path of a non-special URL like mailto: or data: runs to '?' or '#'.
                        if (c == '?' || c == '#' || c == Eof)
                        {
                            url.opaquePath = buffer.ToString();
                            buffer.Clear();
                            if (c == '?')
                            {
                                url.query = string.Empty;
                                state = ParserState.Query;
                            }
                            else if (c == '#')
                            {
                                url.fragment = string.Empty;
                                state = ParserState.Fragment;
                            }
                        }
                        else if (c == ' ')
                        {
                            // A space just before '?' or '#' is encoded so the path cannot end in a
                            // space that would be lost when the query or fragment is removed.
                            int next = At(input, pointer + 1, end);
                            if (next == '?' || next == '#') buffer.Append("%20");
                            else buffer.Append(' ');
                        }
                        else
                        {
                            PercentEncoding.AppendEncoded(buffer, input, ref pointer, end, PercentEncodeSet.C0Control);
                        }
                        break;

                    case ParserState.Query:
                        // The query is always "" on entry, so the buffer holds all of it.
                        if (c == '#' || c == Eof)
                        {
                            url.query = buffer.ToString();
                            buffer.Clear();
                            if (c == '#')
                            {
                                url.fragment = string.Empty;
                                state = ParserState.Fragment;
                            }
                        }
                        else
                        {
                            PercentEncoding.AppendEncoded(buffer, input, ref pointer, end,
                                special ? PercentEncodeSet.SpecialQuery : PercentEncodeSet.Query);
                        }
                        break;

                    case ParserState.Fragment:
                        // The rest of the input, percent-encoded with the fragment set.
                        if (c != Eof) PercentEncoding.AppendEncoded(buffer, input, ref pointer, end, PercentEncodeSet.Fragment);
                        else url.fragment = buffer.ToString();
                        break;
                }

                if (pointer >= end) break;
            }

            result = url;
            return UrlValidationError.None;
        }

        private static int At(string input, int index, int end) => index < end ? input[index] : Eof;

        /// <summary>The code points that end an authority (and so a host or port): EOF / ? # and, when special, '\'.</summary>
        private static bool EndsAuthority(int c, bool special) =>
            c == Eof || c == '/' || c == '?' || c == '#' || (special && c == '\\');

        private static void CopyAuthority(WhatwgUrl from, WhatwgUrl to)
        {
            to.username = from.username;
            to.password = from.password;
            to.host = from.host;
            to.hostType = from.hostType;
            to.port = from.port;
        }

        private static UrlValidationError SetHost(WhatwgUrl url, StringBuilder buffer, bool special)
        {
            var error = HostParser.Parse(buffer.ToString(), isOpaque: !special, out string host, out UrlHostType type);
            if (error != UrlValidationError.None) return error;
            url.host = host;
            url.hostType = type;
            buffer.Clear();
            return UrlValidationError.None;
        }

        /// <summary>Decimal value of the digits in the buffer, saturating just above 65535.</summary>
        private static int ParsePort(StringBuilder digits)
        {
            int value = 0;
            for (int i = 0; i < digits.Length && value <= 65535; i++) value = value * 10 + (digits[i] - '0');
            return value;
        }

        private static bool ContainsTabOrNewline(string input, int start, int end)
        {
            for (int i = start; i < end; i++)
                if (IsAsciiTabOrNewline(input[i])) return true;
            return false;
        }

        private static string WithoutTabsAndNewlines(string input, int start, int end)
        {
            var sb = new StringBuilder(end - start);
            for (int i = start; i < end; i++)
                if (!IsAsciiTabOrNewline(input[i])) sb.Append(input[i]);
            return sb.ToString();
        }
    }
}

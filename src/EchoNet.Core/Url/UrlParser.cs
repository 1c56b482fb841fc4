using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using static EchoNet.Url.CodePoints;
using static EchoNet.Url.HrefWriter;

namespace EchoNet.Url
{
    /// <summary>
    /// The basic URL parser of the WHATWG URL Standard (section 4.4): one loop over the input and
    /// one switch over <see cref="ParserState"/>, each case following the Standard's steps.
    /// No exceptions, no regular expressions, no recursion; every state moves the pointer forward
    /// except the Standard's bounded rewinds (scheme restart, authority '@' rewind), so the work
    /// is linear in the input.
    /// </summary>
    /// <remarks>
    /// The URL record is never built as separate strings: the parser writes the URL's
    /// serialization into one reused buffer as it goes (scheme, authority, path, query and
    /// fragment come in that order in every state sequence) and notes where each component
    /// begins, so a parse allocates just the href and the <see cref="WhatwgUrl"/>. Path segments
    /// are written in place; a ".." segment truncates the buffer back to the previous '/'.
    /// Runs of code points that need no percent-encoding are copied in one go.
    /// </remarks>
    public static class UrlParser
    {
        /// <summary>
        /// Initializes the lookup tables before the hot methods are compiled. A method compiled
        /// fully optimized (<see cref="Tiering.Optimized"/>) while a class it reads statics from is
        /// still uninitialized keeps a call into the runtime on every such read; compiled after,
        /// it reads the tables directly.
        /// </summary>
        static UrlParser()
        {
            RuntimeHelpers.RunClassConstructor(typeof(CodePoints).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(PercentEncodeSets).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(PercentEncoding).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(UrlBuilder).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(NormalScan).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(Idna.ProcessedDomain).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(Idna.UnicodeTables).TypeHandle);
            RuntimeHelpers.RunClassConstructor(typeof(Idna.IdnaData).TypeHandle);
        }

        /// <summary>
        /// Parses <paramref name="input"/> against <paramref name="baseUrl"/> (a URL string, or null for none).
        /// A base that fails to parse gives <see cref="UrlValidationError.BaseUrlInvalid"/>.
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        public static UrlParseResult Parse(string input, string baseUrl = null) => Parse(input, baseUrl, CancellationToken.None);

        /// <summary>
        /// The same, checking <paramref name="cancellationToken"/> at coarse intervals inside the
        /// parse, so a huge input can be abandoned.
        /// </summary>
        /// <exception cref="System.OperationCanceledException">The token was cancelled.</exception>
        public static UrlParseResult Parse(string input, string baseUrl, CancellationToken cancellationToken)
        {
            WhatwgUrl parsedBase = null;
            if (baseUrl != null)
            {
                var error = Run(baseUrl, null, cancellationToken, out parsedBase, out _);
                if (error != UrlValidationError.None)
                {
                    var log = default(ValidationErrorLog);
                    log.Add(UrlValidationError.BaseUrlInvalid);
                    return new UrlParseResult(null, UrlValidationError.BaseUrlInvalid, log.ToReadOnlyList());
                }
            }
            return ParseAgainst(input, parsedBase, cancellationToken);
        }

        /// <summary>Parses <paramref name="input"/> against an already parsed base (or null for none).</summary>
        [MethodImpl(Tiering.Inline)]
        public static UrlParseResult ParseAgainst(string input, WhatwgUrl baseUrl) => ParseAgainst(input, baseUrl, CancellationToken.None);

        /// <summary>The same, checking <paramref name="cancellationToken"/> at coarse intervals inside the parse.</summary>
        /// <exception cref="System.OperationCanceledException">The token was cancelled.</exception>
        public static UrlParseResult ParseAgainst(string input, WhatwgUrl baseUrl, CancellationToken cancellationToken)
        {
            var error = Run(input, baseUrl, cancellationToken, out WhatwgUrl url, out var validationErrors);
            return new UrlParseResult(url, error, validationErrors);
        }

        /// <summary>Parses without building a result value; false with the reason on failure.</summary>
        public static bool TryParse(string input, WhatwgUrl baseUrl, out WhatwgUrl url, out UrlValidationError error)
        {
            error = Run(input, baseUrl, CancellationToken.None, out url, out _);
            return error == UrlValidationError.None;
        }

        /// <summary>
        /// The basic URL parser with no encoding override (always UTF-8) and no state override.
        /// Records every validation error in the order the Standard's steps meet them; a failure's
        /// own error comes last.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static UrlValidationError Run(string input, WhatwgUrl baseUrl, CancellationToken cancellationToken, out WhatwgUrl result,
            out IReadOnlyList<UrlValidationErrorEntry> validationErrors)
        {
            // Most URLs are already normal: proved so in one pass (which proves too that the parser
            // meets no validation error), the input is the href. Otherwise the full parser goes on
            // from as far as that pass got, which holds no validation error either.
            cancellationToken.ThrowIfCancellationRequested();
            baseUrl?.WriteSearchParams(); // the base's query, as changed through its SearchParams
            if (NormalUrlFastPath.TryParse(input, out result, out NormalPrefix prefix))
            {
                validationErrors = ValidationErrorLog.None;
                return UrlValidationError.None;
            }
            return RunFullParser(input, baseUrl, ref prefix, cancellationToken, out result, out validationErrors);
        }

        /// <summary>The parser itself, from the start, without the fast path (which is checked against it).</summary>
        internal static UrlValidationError RunFullParser(string input, WhatwgUrl baseUrl, out WhatwgUrl result)
        {
            var nothingProved = default(NormalPrefix);
            return RunFullParser(input, baseUrl, ref nothingProved, CancellationToken.None, out result, out _);
        }

        [MethodImpl(Tiering.Optimized)]
        private static UrlValidationError RunFullParser(string input, WhatwgUrl baseUrl, ref NormalPrefix prefix, CancellationToken cancellationToken,
            out WhatwgUrl result, out IReadOnlyList<UrlValidationErrorEntry> validationErrors)
        {
            result = null;
            input = input ?? string.Empty;
            cancellationToken.ThrowIfCancellationRequested();
            var parts = new HrefParts
            {
                Port = -1, UsernameEnd = -1, HostStart = -1, HostEnd = -1, PathStart = -1, QueryStart = -1, FragmentStart = -1,
                Cancellation = cancellationToken,
            };

            // Steps 1-3: strip leading/trailing C0 control or space, then remove all tabs and newlines.
            int start = 0, end = input.Length;
            while (start < end && IsC0ControlOrSpace(input[start])) start++;
            while (end > start && IsC0ControlOrSpace(input[end - 1])) end--;
            if (start > 0 || end < input.Length) parts.Errors.Add(UrlValidationError.InvalidUrlUnit);
            if (ContainsTabOrNewline(input, start, end))
            {
                parts.Errors.Add(UrlValidationError.InvalidUrlUnit);
                input = WithoutTabsAndNewlines(input, start, end);
                start = 0;
                end = input.Length;
            }

            var sb = UrlBuilder.Rent(end - start + 16 + (baseUrl == null ? 0 : baseUrl.href.Length));
            var state = ParserState.SchemeStart;
            if (prefix.Length > 0)
            {
                // The fast path proved input[0..prefix.Length) normal (so there was nothing to trim
                // before it, nor a tab or newline in it): it is the href so far, the scheme lowercase.
                TakeOver(input, ref prefix, ref parts);
                sb.Append(parts.Scheme);
                sb.Append(input, prefix.SchemeLength, prefix.Length - prefix.SchemeLength);
                state = prefix.State;
                start = prefix.Resume;
            }
            // A cancelled parse throws out of here and leaves the builder unreturned: the next parse makes a new one.
            var error = RunStates(input, start, end, baseUrl, sb, ref parts, state);
            if (error == UrlValidationError.None) result = Finish(sb, ref parts);
            else if (!IsRecordedWhereMet(error)) parts.Errors.Add(error);
            UrlBuilder.Return(sb);
            validationErrors = parts.Errors.ToReadOnlyList();
            if (result != null && parts.Errors.Count > 0) result.validationErrors = validationErrors;
            return error;
        }

        /// <summary>The components the fast path found, as the states would have noted them.</summary>
        private static void TakeOver(string input, ref NormalPrefix prefix, ref HrefParts url)
        {
            url.Scheme = prefix.SchemeOf(input);
            url.Special = prefix.Special;
            url.Opaque = prefix.Opaque;
            url.HostType = prefix.HostType;
            url.Port = prefix.Port;
            if (prefix.HostType != UrlHostType.None)
            {
                url.UsernameEnd = url.HostStart = prefix.HostStart;
                url.HostEnd = prefix.HostEnd;
            }
            url.PathStart = prefix.PathStart;
            url.QueryStart = prefix.QueryStart;
            url.FragmentStart = prefix.FragmentStart;
        }

        /// <summary>
        /// Failures whose validation error was already recorded on the way: domain-to-ASCII by the
        /// strict check that runs before the lenient one fails (domain-invalid-code-point included:
        /// the reference implementation records only that), IPv4-out-of-range-part by its step.
        /// </summary>
        private static bool IsRecordedWhereMet(UrlValidationError error) =>
            error == UrlValidationError.DomainToAscii || error == UrlValidationError.DomainInvalidCodePoint
            || error == UrlValidationError.IPv4OutOfRangePart;

        /// <summary>
        /// The pathname setter's parse with the path start state as state override: the serialized
        /// path of <paramref name="value"/> for a URL with <paramref name="scheme"/>, written by the
        /// same path start and path states as a parse. The override differs from a parse only in
        /// that '?' and '#' are path code points, not delimiters; the path percent-encode set turns
        /// them into %3F and %23, so they are encoded before the states run and never stop them.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        internal static string ParsePathOverride(string value, string scheme)
        {
            value = PathOverrideInput(value);
            var sb = UrlBuilder.Rent(value.Length + 1);
            var parts = new HrefParts
            {
                Scheme = scheme, Special = SpecialSchemes.IsSpecial(scheme), Port = -1,
                UsernameEnd = -1, HostStart = -1, HostEnd = -1, PathStart = 0, QueryStart = -1, FragmentStart = -1,
            };
            RunStates(value, 0, value.Length, null, sb, ref parts, ParserState.PathStart);
            string path = sb.ToString();
            UrlBuilder.Return(sb);
            return path;
        }

        /// <summary>Without tabs and newlines (as every parse takes its input), '?' and '#' percent-encoded.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static string PathOverrideInput(string value)
        {
            if (value.IndexOfAny(PathOverrideSpecials) < 0) return value;
            var sb = new StringBuilder(value.Length + 8);
            foreach (char c in value)
            {
                if (c == '?') sb.Append("%3F");
                else if (c == '#') sb.Append("%23");
                else if (!IsAsciiTabOrNewline(c)) sb.Append(c);
            }
            return sb.ToString();
        }

        private static readonly char[] PathOverrideSpecials = { '\t', '\n', '\r', '?', '#' };

        /// <summary>
        /// Runs the states from <paramref name="state"/>: the scheme start state for a parse, another
        /// one for a setter's state override (with <paramref name="url"/> holding what comes before).
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static UrlValidationError RunStates(string input, int start, int end, WhatwgUrl baseUrl, UrlBuilder sb, ref HrefParts url,
            ParserState state)
        {
            bool special = url.Special;
            int bufferStart = -1;    // where the Standard's "buffer" begins in input (scheme, file host)
            int segmentStart = -1;   // where the open path segment's text begins in sb; -1 when none is open
            int hostEnd = -1;        // where the host ends in input, found by the authority state

            for (int pointer = start; ; pointer++)
            {
                int c = pointer < end ? input[pointer] : Eof;
                switch (state)
                {
                    case ParserState.SchemeStart:
                        // A URL starts with an ASCII letter if it has a scheme at all.
                        if (IsAsciiAlpha(c))
                        {
                            bufferStart = pointer;
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
                        while (IsAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.') c = At(input, ++pointer, end);
                        if (c == ':')
                        {
                            url.Scheme = SpecialSchemes.Intern(input, bufferStart, pointer);
                            special = SpecialSchemes.IsSpecial(url.Scheme);
                            url.Special = special;
                            sb.Append(url.Scheme);
                            sb.Append(':');
                            bufferStart = -1;
                            if (url.Scheme == SpecialSchemes.File)
                            {
                                if (At(input, pointer + 1, end) != '/' || At(input, pointer + 2, end) != '/')
                                    url.Errors.Add(UrlValidationError.SpecialSchemeMissingFollowingSolidus);
                                state = ParserState.File;
                            }
                            else if (special && baseUrl != null && baseUrl.scheme == url.Scheme)
                            {
                                // The base is special too, so it has a list path.
                                state = ParserState.SpecialRelativeOrAuthority;
                            }
                            else if (special)
                            {
                                state = ParserState.SpecialAuthoritySlashes;
                                c = At(input, ++pointer, end);
                                goto case ParserState.SpecialAuthoritySlashes;
                            }
                            else if (At(input, pointer + 1, end) == '/')
                            {
                                state = ParserState.PathOrAuthority;
                                pointer++;
                            }
                            else
                            {
                                url.Opaque = true;
                                url.PathStart = sb.Length;
                                state = ParserState.OpaquePath;
                            }
                        }
                        else
                        {
                            // Not a scheme after all: start over, reading the input as relative.
                            bufferStart = -1;
                            state = ParserState.NoScheme;
                            pointer = start - 1;
                        }
                        break;

                    case ParserState.NoScheme:
                        // A relative reference: it needs a base, and a base with an opaque path takes only "#...".
                        if (baseUrl == null || (baseUrl.opaque && c != '#'))
                            return UrlValidationError.MissingSchemeNonRelativeUrl;
                        if (baseUrl.opaque)
                        {
                            // A fragment-only reference against a base with an opaque path: the base
                            // up to its fragment, then a new fragment.
                            sb.Append(baseUrl.href, 0, baseUrl.QueryEnd);
                            url.Scheme = baseUrl.scheme;
                            url.Opaque = true;
                            url.PathStart = baseUrl.pathStart;
                            url.QueryStart = baseUrl.queryStart;
                            url.FragmentStart = sb.Length;
                            sb.Append('#');
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
                            url.Errors.Add(UrlValidationError.SpecialSchemeMissingFollowingSolidus);
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
                        if (url.Scheme == null)
                        {
                            url.Scheme = baseUrl.scheme;
                            sb.Append(url.Scheme);
                            sb.Append(':');
                        }
                        special = SpecialSchemes.IsSpecial(url.Scheme);
                        url.Special = special;
                        if (c == '/' || (special && c == '\\'))
                        {
                            if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                            state = ParserState.RelativeSlash;
                        }
                        else
                        {
                            if (!CarryOverBase(baseUrl, sb, ref url, c, ref state))
                            {
                                Shorten(sb, ref url);
                                state = ParserState.Path;
                                pointer--;
                            }
                        }
                        break;

                    case ParserState.RelativeSlash:
                        // After one slash: another one (or '\' when special) starts an authority.
                        if (special && (c == '/' || c == '\\'))
                        {
                            if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                            state = ParserState.SpecialAuthorityIgnoreSlashes;
                        }
                        else if (c == '/')
                        {
                            state = ParserState.Authority;
                        }
                        else
                        {
                            CopyAuthority(baseUrl, sb, ref url);
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.SpecialAuthoritySlashes:
                        // Special URLs expect "//" but tolerate missing slashes.
                        state = ParserState.SpecialAuthorityIgnoreSlashes;
                        if (c == '/' && At(input, pointer + 1, end) == '/')
                        {
                            pointer += 2;
                            c = At(input, pointer, end);
                        }
                        else
                        {
                            url.Errors.Add(UrlValidationError.SpecialSchemeMissingFollowingSolidus);
                        }
                        goto case ParserState.SpecialAuthorityIgnoreSlashes;

                    case ParserState.SpecialAuthorityIgnoreSlashes:
                        // Any number of '/' and '\' is skipped (each one a validation error).
                        while (c == '/' || c == '\\')
                        {
                            url.Errors.Add(UrlValidationError.SpecialSchemeMissingFollowingSolidus);
                            c = At(input, ++pointer, end);
                        }
                        state = ParserState.Authority;
                        goto case ParserState.Authority;

                    case ParserState.Authority:
                    {
                        // The authority runs to the first / ? # (or '\' when special). Everything before
                        // its last '@' is the userinfo (an earlier '@' is data, encoded as %40), split
                        // at its first ':' into username and password, written straight after "//".
                        sb.Append("//");
                        int usernameStart = sb.Length;
                        // The same pass finds where the host ends: at the first ':' outside IPv6 brackets
                        // after the last '@' (the port follows), else at the end of the authority.
                        int authorityEnd = pointer, lastAt = -1, hostColon = -1, atSigns = 0;
                        bool insideBrackets = false;
                        for (; authorityEnd < end; authorityEnd++)
                        {
                            var kind = AuthorityClassOf(input[authorityEnd]);
                            if (kind == AuthorityClass.Other) continue;
                            if (kind == AuthorityClass.End || (kind == AuthorityClass.Backslash && special)) break;
                            if (kind == AuthorityClass.At)
                            {
                                atSigns++;
                                lastAt = authorityEnd;
                                hostColon = -1;
                                insideBrackets = false;
                            }
                            else if (kind == AuthorityClass.Colon)
                            {
                                if (!insideBrackets && hostColon < 0) hostColon = authorityEnd;
                            }
                            else if (kind == AuthorityClass.OpenBracket)
                            {
                                insideBrackets = true;
                            }
                            else if (kind == AuthorityClass.CloseBracket)
                            {
                                insideBrackets = false;
                            }
                        }
                        hostEnd = hostColon >= 0 ? hostColon : authorityEnd;
                        for (; atSigns > 0; atSigns--) url.Errors.Add(UrlValidationError.InvalidCredentials);
                        int hostFrom = pointer;
                        if (lastAt >= 0)
                        {
                            if (lastAt + 1 == authorityEnd) return UrlValidationError.HostMissing;
                            int colon = input.IndexOf(':', pointer, lastAt - pointer);
                            PercentEncoding.AppendEncoded(sb, input, pointer, colon < 0 ? lastAt : colon, PercentEncodeSet.Userinfo);
                            url.UsernameEnd = sb.Length;
                            if (colon >= 0 && colon + 1 < lastAt)
                            {
                                sb.Append(':');
                                PercentEncoding.AppendEncoded(sb, input, colon + 1, lastAt, PercentEncodeSet.Userinfo);
                            }
                            if (sb.Length > usernameStart) sb.Append('@');
                            hostFrom = lastAt + 1;
                        }
                        else
                        {
                            url.UsernameEnd = sb.Length;
                        }
                        pointer = hostFrom;
                        state = ParserState.Host;
                        goto case ParserState.Host;
                    }

                    case ParserState.Host:
                    {
                        // Up to ':' (outside IPv6 brackets) or the end of the authority, as the authority
                        // state found; then the host parser.
                        if (hostEnd < end && input[hostEnd] == ':')
                        {
                            if (hostEnd == pointer) return UrlValidationError.HostMissing;
                            var error = AppendHost(sb, input, pointer, hostEnd, special, ref url);
                            if (error != UrlValidationError.None) return error;
                            pointer = hostEnd + 1; // the ':' is consumed
                            state = ParserState.Port;
                            goto case ParserState.Port;
                        }
                        else
                        {
                            if (special && hostEnd == pointer) return UrlValidationError.HostMissing;
                            var error = AppendHost(sb, input, pointer, hostEnd, special, ref url);
                            if (error != UrlValidationError.None) return error;
                            pointer = hostEnd;
                            c = At(input, pointer, end);
                            state = ParserState.PathStart;
                            goto case ParserState.PathStart;
                        }
                    }

                    case ParserState.Port:
                    {
                        // Decimal digits only, up to the end of the authority; the scheme's default port is stored as no port.
                        int portEnd = ReadPortDigits(input, pointer, end, out int portValue);
                        if (!EndsAuthority(At(input, portEnd, end), special)) return UrlValidationError.PortInvalid;
                        if (portEnd > pointer)
                        {
                            if (portValue > 65535) return UrlValidationError.PortOutOfRange;
                            if (portValue != SpecialSchemes.DefaultPortOrNone(url.Scheme))
                            {
                                url.Port = portValue;
                                sb.Append(':');
                                sb.AppendDecimal(portValue);
                            }
                        }
                        pointer = portEnd;
                        c = At(input, pointer, end);
                        state = ParserState.PathStart;
                        goto case ParserState.PathStart;
                    }

                    case ParserState.File:
                        // file: URLs always have a host (maybe empty) and resolve specially against a file: base.
                        if (url.Scheme == null)
                        {
                            url.Scheme = SpecialSchemes.File;
                            sb.Append(SpecialSchemes.File);
                            sb.Append(':');
                        }
                        special = true;
                        url.Special = true;
                        if (c == '/' || c == '\\')
                        {
                            if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                            state = ParserState.FileSlash;
                        }
                        else if (baseUrl != null && baseUrl.scheme == SpecialSchemes.File)
                        {
                            if (!CarryOverBase(baseUrl, sb, ref url, c, ref state))
                            {
                                // A drive letter starts a new absolute path instead of resolving against the base.
                                if (!PathSegments.StartsWithWindowsDriveLetter(input, pointer, end))
                                {
                                    Shorten(sb, ref url);
                                }
                                else
                                {
                                    url.Errors.Add(UrlValidationError.FileInvalidWindowsDriveLetter);
                                    sb.Length = url.PathStart;
                                }
                                state = ParserState.Path;
                                pointer--;
                            }
                        }
                        else
                        {
                            AppendEmptyHost(sb, ref url);
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.FileSlash:
                        // "file:/" so far: a second slash starts a host; else keep the base's host and drive.
                        if (c == '/' || c == '\\')
                        {
                            if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                            state = ParserState.FileHost;
                        }
                        else
                        {
                            if (baseUrl != null && baseUrl.scheme == SpecialSchemes.File)
                            {
                                CopyAuthority(baseUrl, sb, ref url);
                                // "/path" against file:///C:/x keeps the base's drive.
                                url.PathStart = sb.Length;
                                if (!PathSegments.StartsWithWindowsDriveLetter(input, pointer, end)
                                    && PathSegments.StartsWithNormalizedDriveLetterSegment(baseUrl.href, baseUrl.pathStart, baseUrl.PathEnd))
                                {
                                    sb.Append(baseUrl.href, baseUrl.pathStart, 3);
                                }
                            }
                            else
                            {
                                AppendEmptyHost(sb, ref url);
                            }
                            state = ParserState.Path;
                            pointer--;
                        }
                        break;

                    case ParserState.FileHost:
                        // The host of a file URL; "localhost" means the empty host, a drive letter is a path.
                        if (bufferStart < 0) bufferStart = pointer;
                        if (c == Eof || c == '/' || c == '\\' || c == '?' || c == '#')
                        {
                            pointer--;
                            if (PathSegments.IsWindowsDriveLetter(input, bufferStart, pointer + 1))
                            {
                                // "file://C:/x": the drive letter is the first path segment, not a host;
                                // the buffer is kept and finished by the path state.
                                url.Errors.Add(UrlValidationError.FileInvalidWindowsDriveLetterHost);
                                AppendEmptyHost(sb, ref url);
                                url.PathStart = sb.Length;
                                sb.Append('/');
                                segmentStart = sb.Length;
                                sb.Append(input, bufferStart, 2);
                                state = ParserState.Path;
                            }
                            else if (bufferStart == pointer + 1)
                            {
                                AppendEmptyHost(sb, ref url);
                                state = ParserState.PathStart;
                            }
                            else
                            {
                                sb.Append("//");
                                url.UsernameEnd = sb.Length;
                                var error = AppendHost(sb, input, bufferStart, pointer + 1, special: true, ref url);
                                if (error != UrlValidationError.None) return error;
                                if (sb.Matches(url.HostStart, url.HostEnd - url.HostStart, "localhost"))
                                {
                                    sb.Length = url.HostStart;
                                    url.HostEnd = url.HostStart;
                                    url.HostType = UrlHostType.Empty;
                                }
                                state = ParserState.PathStart;
                            }
                        }
                        break;

                    case ParserState.PathStart:
                        // Skip the single slash that starts the path.
                        if (special)
                        {
                            state = ParserState.Path;
                            if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                            if (c == '/' || c == '\\') c = At(input, ++pointer, end);
                            goto case ParserState.Path;
                        }
                        else if (c == '?')
                        {
                            StartQuery(sb, ref url);
                            state = ParserState.Query;
                        }
                        else if (c == '#')
                        {
                            StartFragment(sb, ref url);
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
                        // One segment per '/' (and '\' when special), written into the href as "/segment";
                        // dot segments are taken out again when they end. The segments are read here in
                        // one loop; the state machine sees the path again only at '?', '#' or the end.
                        if (url.PathStart < 0) url.PathStart = sb.Length;
                        while (true)
                        {
                            if (segmentStart < 0)
                            {
                                sb.Append('/');
                                segmentStart = sb.Length;
                            }
                            bool slash = c == '/' || (special && c == '\\');
                            if (c == Eof || slash || c == '?' || c == '#')
                            {
                                if (c == '\\') url.Errors.Add(UrlValidationError.InvalidReverseSolidus);
                                EndSegment(sb, segmentStart, slash, ref url);
                                segmentStart = -1;
                                if (!slash) break;
                                c = At(input, ++pointer, end);
                                continue;
                            }
                            // The rest of the segment in one go: up to the next / ? # (or '\' when special).
                            pointer = PercentEncoding.AppendEncodedUntil(sb, input, pointer, end, PercentEncodeSet.Path,
                                special ? PercentEncodeSets.SpecialPathSegmentStops : PercentEncodeSets.PathSegmentStops, ref url.Errors);
                            c = At(input, pointer, end);
                        }
                        if (c == '?')
                        {
                            StartQuery(sb, ref url);
                            state = ParserState.Query;
                        }
                        else if (c == '#')
                        {
                            StartFragment(sb, ref url);
                            state = ParserState.Fragment;
                        }
                        break;
                    }

                    case ParserState.OpaquePath:
                        // The opaque path of a non-special URL like mailto: or data: runs to '?' or '#'.
                        if (c == '?')
                        {
                            StartQuery(sb, ref url);
                            state = ParserState.Query;
                        }
                        else if (c == '#')
                        {
                            StartFragment(sb, ref url);
                            state = ParserState.Fragment;
                        }
                        else if (c != Eof)
                        {
                            int pathEnd = PercentEncoding.AppendEncodedUntil(sb, input, pointer, end, PercentEncodeSet.C0Control,
                                PercentEncodeSets.OpaquePathStops, ref url.Errors);
                            // A space just before '?' or '#' is encoded so the path cannot end in a
                            // space that would be lost when the query or fragment is removed.
                            if (pathEnd < end && input[pathEnd - 1] == ' ')
                            {
                                sb.Length--;
                                sb.Append("%20");
                            }
                            pointer = pathEnd - 1;
                        }
                        break;

                    case ParserState.Query:
                        // The query is always "" on entry ('?' is written), so the rest up to '#' is all of it.
                        if (c == '#')
                        {
                            StartFragment(sb, ref url);
                            state = ParserState.Fragment;
                        }
                        else if (c != Eof)
                        {
                            pointer = PercentEncoding.AppendEncodedUntil(sb, input, pointer, end,
                                special ? PercentEncodeSet.SpecialQuery : PercentEncodeSet.Query, PercentEncodeSets.QueryStops, ref url.Errors);
                            if (pointer < end)
                            {
                                StartFragment(sb, ref url); // input[pointer] is '#'
                                state = ParserState.Fragment;
                            }
                        }
                        break;

                    case ParserState.Fragment:
                        // The rest of the input, percent-encoded with the fragment set.
                        if (c != Eof)
                        {
                            PercentEncoding.AppendEncodedUntil(sb, input, pointer, end, PercentEncodeSet.Fragment, 0, ref url.Errors);
                            pointer = end;
                        }
                        break;
                }

                if (pointer >= end) break;
            }

            return UrlValidationError.None;
        }

        /// <summary>
        /// The relative and file states' shared step: the base's authority and path carry over; then
        /// '?' starts a new query, '#' keeps the base's query and starts the fragment, and the end of
        /// input keeps the base's query. Returns false when a path follows, which the caller resolves.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool CarryOverBase(WhatwgUrl baseUrl, UrlBuilder sb, ref HrefParts url, int c, ref ParserState state)
        {
            CopyAuthority(baseUrl, sb, ref url);
            url.PathStart = sb.Length;
            sb.Append(baseUrl.href, baseUrl.pathStart, baseUrl.PathEnd - baseUrl.pathStart);
            if (c == '?')
            {
                StartQuery(sb, ref url);
                state = ParserState.Query;
                return true;
            }
            if (c == '#')
            {
                CopyQuery(baseUrl, sb, ref url);
                StartFragment(sb, ref url);
                state = ParserState.Fragment;
                return true;
            }
            if (c == Eof)
            {
                CopyQuery(baseUrl, sb, ref url);
                return true;
            }
            return false;
        }

        /// <summary>
        /// Reads the decimal digits from <paramref name="start"/>; returns where they end. The value
        /// saturates just above 65535, so any number of digits is read without overflow.
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        internal static int ReadPortDigits(string input, int start, int end, out int value)
        {
            value = 0;
            int at = start;
            for (; at < end && IsAsciiDigit(input[at]); at++)
                if (value <= 65535) value = value * 10 + (input[at] - '0');
            return at;
        }

        [MethodImpl(Tiering.Inline)]
        private static int At(string input, int index, int end) => index < end ? input[index] : Eof;

        /// <summary>The code points that end an authority (and so a host or port): EOF / ? # and, when special, '\'.</summary>
        [MethodImpl(Tiering.Inline)]
        private static bool EndsAuthority(int c, bool special) =>
            c == Eof || c == '/' || c == '?' || c == '#' || (special && c == '\\');

        private static readonly char[] TabAndNewlines = { '\t', '\n', '\r' };

        [MethodImpl(Tiering.Inline)]
        private static bool ContainsTabOrNewline(string input, int start, int end) =>
            input.IndexOfAny(TabAndNewlines, start, end - start) >= 0;

        /// <summary>The input without ASCII tabs and newlines, as every basic URL parse (a setter's too) takes it.</summary>
        [MethodImpl(Tiering.Optimized)]
        internal static string RemoveTabsAndNewlines(string input) =>
            ContainsTabOrNewline(input, 0, input.Length) ? WithoutTabsAndNewlines(input, 0, input.Length) : input;

        private static string WithoutTabsAndNewlines(string input, int start, int end)
        {
            var sb = new StringBuilder(end - start);
            for (int i = start; i < end; i++)
                if (!IsAsciiTabOrNewline(input[i])) sb.Append(input[i]);
            return sb.ToString();
        }
    }
}

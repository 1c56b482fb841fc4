using System.Runtime.CompilerServices;
using System.Threading;
using static EchoNet.Url.CodePoints;

namespace EchoNet.Url
{
    /// <summary>
    /// The URL API's setters (URL Standard 6.1): each runs the Standard's steps for its state
    /// override over the value, with the same component parsers and percent-encode sets as a parse
    /// (<see cref="HostParser"/>, <see cref="PercentEncoding"/>, the parser's path states), edits
    /// the URL's record and serializes it into a new href. A value the Standard rejects changes
    /// nothing, except where its steps have already set a component (a host before a bad port).
    /// A null value is taken as the empty string. The methods are compiled fully optimized from
    /// the first call, as the parser's are (see <see cref="Tiering"/>).
    /// </summary>
    internal static class UrlSetters
    {
        /// <summary>The href setter: the whole URL, or <see cref="UrlFormatException"/> and no change.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetHref(WhatwgUrl url, string value)
        {
            value = value ?? string.Empty;
            var result = UrlParser.Parse(value);
            if (!result.IsValid) throw new UrlFormatException(value, null, result.Error);
            url.CopyFrom(result.Url);
            url.SearchParamsIfCreated?.Refill(url.Query);
        }

        /// <summary>The protocol setter: the scheme state with a state override over value + ':'.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetProtocol(WhatwgUrl url, string value)
        {
            string input = UrlParser.RemoveTabsAndNewlines(value ?? string.Empty);
            if (input.Length == 0 || !IsAsciiAlpha(input[0])) return;
            int end = 1;
            while (end < input.Length && IsSchemeCodePoint(input[end])) end++;
            // The Standard appends ':' to the value, so the scheme ends at the first ':' or at the end.
            if (end < input.Length && input[end] != ':') return;

            string scheme = SpecialSchemes.Intern(input, 0, end);
            var record = UrlRecord.Of(url);
            if (SpecialSchemes.IsSpecial(record.Scheme) != SpecialSchemes.IsSpecial(scheme)) return;
            if (scheme == SpecialSchemes.File && (record.IncludesCredentials || record.Port >= 0)) return;
            if (record.Scheme == SpecialSchemes.File && record.HostType == UrlHostType.Empty) return;
            record.Scheme = scheme;
            if (record.Port == SpecialSchemes.DefaultPortOrNone(scheme)) record.Port = -1;
            Apply(url, record);
        }

        /// <summary>The username and password setters: the value percent-encoded with the userinfo set (no stripping).</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetUserinfo(WhatwgUrl url, string value, bool password)
        {
            var record = UrlRecord.Of(url);
            if (record.CannotHaveUsernamePasswordPort) return;
            var encoded = TextSlice.Encoded(value ?? string.Empty, 0, PercentEncodeSet.Userinfo);
            if (password) record.Password = encoded;
            else record.Username = encoded;
            Apply(url, record);
        }

        /// <summary>
        /// The host and hostname setters: the host state (the file host state for file URLs) with a
        /// state override; for host, a ':' then moves on to the port state.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetHost(WhatwgUrl url, string value, bool hostnameOnly)
        {
            if (url.opaque) return;
            string input = UrlParser.RemoveTabsAndNewlines(value ?? string.Empty);
            var record = UrlRecord.Of(url);
            if (record.Scheme == SpecialSchemes.File)
            {
                SetFileHost(url, record, input);
                return;
            }

            bool special = SpecialSchemes.IsSpecial(record.Scheme);
            int hostEnd = 0;
            bool insideBrackets = false;
            for (; hostEnd < input.Length; hostEnd++)
            {
                char c = input[hostEnd];
                if ((c == ':' && !insideBrackets) || c == '/' || c == '?' || c == '#' || (special && c == '\\')) break;
                if (c == '[') insideBrackets = true;
                else if (c == ']') insideBrackets = false;
            }
            bool portFollows = hostEnd < input.Length && input[hostEnd] == ':';
            if (portFollows)
            {
                if (hostEnd == 0 || hostnameOnly) return;
            }
            else if (hostEnd == 0 && (special || record.IncludesCredentials || record.Port >= 0))
            {
                return;
            }

            string host = ParseHost(input, hostEnd, isOpaque: !special, out UrlHostType type);
            if (host == null) return;
            record.Host = TextSlice.Of(host);
            record.HostType = type;
            // The host is set even when the port that follows is rejected.
            if (portFollows && TryParsePort(input, hostEnd + 1, record.Scheme, out int port)) record.Port = port;
            Apply(url, record);
        }

        /// <summary>The file host state with a state override: up to / \ ? #; "localhost" is the empty host.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void SetFileHost(WhatwgUrl url, UrlRecord record, string input)
        {
            int hostEnd = 0;
            while (hostEnd < input.Length && !IsFileHostEnd(input[hostEnd])) hostEnd++;
            string host = string.Empty;
            var type = UrlHostType.Empty;
            if (hostEnd > 0)
            {
                host = ParseHost(input, hostEnd, isOpaque: false, out type);
                if (host == null) return;
                if (host == "localhost")
                {
                    host = string.Empty;
                    type = UrlHostType.Empty;
                }
            }
            record.Host = TextSlice.Of(host);
            record.HostType = type;
            Apply(url, record);
        }

        /// <summary>The port setter: empty removes the port; otherwise the leading digits (the port state with a state override).</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetPort(WhatwgUrl url, string value)
        {
            var record = UrlRecord.Of(url);
            if (record.CannotHaveUsernamePasswordPort) return;
            if (string.IsNullOrEmpty(value))
            {
                record.Port = -1;
            }
            else
            {
                if (!TryParsePort(UrlParser.RemoveTabsAndNewlines(value), 0, record.Scheme, out int port)) return;
                record.Port = port;
            }
            Apply(url, record);
        }

        /// <summary>The pathname setter: the path emptied, then the path start state with a state override.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetPathname(WhatwgUrl url, string value)
        {
            if (url.opaque) return;
            var record = UrlRecord.Of(url);
            string path = UrlParser.ParsePathOverride(value ?? string.Empty, record.Scheme);
            // Path start state, last step: with no host, the empty value still leaves one empty segment.
            if (path.Length == 0 && record.HostType == UrlHostType.None) path = "/";
            record.Path = TextSlice.Of(path);
            Apply(url, record);
        }

        /// <summary>
        /// The search setter: empty removes the query; otherwise the value without one leading '?',
        /// encoded by the query state with a state override (a '#' is query data). The live
        /// SearchParams list is refilled from that value, as the Standard says.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetSearch(WhatwgUrl url, string value)
        {
            value = value ?? string.Empty;
            var record = UrlRecord.Of(url);
            int start = value.Length > 0 && value[0] == '?' ? 1 : 0;
            if (value.Length == 0)
            {
                record.Query = default;
            }
            else
            {
                var set = SpecialSchemes.IsSpecial(record.Scheme) ? PercentEncodeSet.SpecialQuery : PercentEncodeSet.Query;
                string input = UrlParser.RemoveTabsAndNewlines(value);
                record.Query = TextSlice.Encoded(input, start, set); // a tab or newline is never the leading '?'
            }
            Apply(url, record);
            url.SearchParamsIfCreated?.Refill(start == 0 ? value : value.Substring(start));
        }

        /// <summary>The hash setter: empty removes the fragment; otherwise the value without one leading '#', fragment-encoded.</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetHash(WhatwgUrl url, string value)
        {
            value = value ?? string.Empty;
            var record = UrlRecord.Of(url);
            if (value.Length == 0)
            {
                record.Fragment = default;
            }
            else
            {
                record.Fragment = TextSlice.Encoded(UrlParser.RemoveTabsAndNewlines(value), value[0] == '#' ? 1 : 0, PercentEncodeSet.Fragment);
            }
            Apply(url, record);
        }

        /// <summary>
        /// URLSearchParams' update steps: the serialized list becomes the query, and an empty one
        /// removes the query (no bare '?' is left).
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static void SetQueryFromSearchParams(WhatwgUrl url, string serializedQuery)
        {
            var record = UrlRecord.Of(url);
            record.Query = serializedQuery.Length == 0 ? default : TextSlice.Of(serializedQuery);
            Apply(url, record);
        }

        [MethodImpl(Tiering.Optimized)]
        private static void Apply(WhatwgUrl url, in UrlRecord record)
        {
            UrlSerializer.Serialize(record, url);
            url.validationErrors = ValidationErrorLog.OfHref; // those of the new href, worked out when asked for
        }

        /// <summary>Runs the host parser over <c>input[0..end)</c>; null when it fails.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static string ParseHost(string input, int end, bool isOpaque, out UrlHostType type)
        {
            var sb = UrlBuilder.Rent(end + 16);
            var errors = default(ValidationErrorLog); // setters report no validation errors
            var error = HostParser.Append(sb, input, 0, end, isOpaque, out type, ref errors, CancellationToken.None);
            string host = error == UrlValidationError.None ? sb.ToString() : null;
            UrlBuilder.Return(sb);
            return host;
        }

        /// <summary>
        /// The port state with a state override: the digits from <paramref name="start"/> up to the
        /// first non-digit; none, or more than 65535, fails. The scheme's default port is no port.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryParsePort(string input, int start, string scheme, out int port)
        {
            int digitsEnd = UrlParser.ReadPortDigits(input, start, input.Length, out int value);
            port = -1;
            if (digitsEnd == start || value > 65535) return false;
            if (value != SpecialSchemes.DefaultPortOrNone(scheme)) port = value;
            return true;
        }

        [MethodImpl(Tiering.Optimized)]
        private static bool IsFileHostEnd(char c) => c == '/' || c == '\\' || c == '?' || c == '#';
    }
}

using System.Threading;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The Standard's encoding callbacks (3.1): each canonicalizes a piece of one component the way
    /// the URL parser would inside the dummy URL https://dummy.invalid/, through the parser's own
    /// pieces (<see cref="UrlParser"/>, <see cref="HostParser"/>, <see cref="PercentEncoding"/>).
    /// A value the parser rejects throws a <see cref="UrlPatternFormatException"/> without a
    /// component; the pattern parser adds the component and position.
    /// </summary>
    internal static class ComponentCanonicalizer
    {
        private const string DummyScheme = SpecialSchemes.Https;

        public static string Protocol(string value)
        {
            if (value.Length == 0) return value;
            var result = UrlParser.Parse(value + "://dummy.invalid/");
            if (!result.IsValid) throw Invalid($"'{value}' is not a valid scheme");
            return result.Url.Scheme;
        }

        public static string Username(string value) => value.Length == 0 ? value : PercentEncoding.Encode(value, PercentEncodeSet.Userinfo);

        public static string Password(string value) => Username(value);

        /// <summary>The hostname state with a state override, in a special URL: up to / ? # \ ; a ':' outside brackets fails.</summary>
        public static string Hostname(string value)
        {
            if (value.Length == 0) return value;
            string input = UrlParser.RemoveTabsAndNewlines(value);
            int end = 0;
            bool insideBrackets = false;
            for (; end < input.Length; end++)
            {
                char c = input[end];
                if (c == ':' && !insideBrackets) throw Invalid($"'{value}' is not a valid hostname (':' starts a port)");
                if (c == '/' || c == '?' || c == '#' || c == '\\') break;
                if (c == '[') insideBrackets = true;
                else if (c == ']') insideBrackets = false;
            }
            if (end == 0) throw Invalid($"'{value}' is not a valid hostname (empty host)");
            var sb = UrlBuilder.Rent(end + 16);
            try
            {
                var errors = default(ValidationErrorLog);
                var error = HostParser.Append(sb, input, 0, end, isOpaque: false, out _, ref errors, CancellationToken.None);
                if (error != UrlValidationError.None) throw Invalid($"'{value}' is not a valid hostname ({UrlValidationErrors.SpecName(error)})");
                return sb.ToString();
            }
            finally
            {
                UrlBuilder.Return(sb);
            }
        }

        public static string IPv6Hostname(string value)
        {
            var result = new char[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!CodePoints.IsAsciiHexDigit(c) && c != '[' && c != ']' && c != ':')
                    throw Invalid($"'{value}' is not a valid IPv6 hostname ('{c}')");
                result[i] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
            }
            return new string(result);
        }

        /// <summary>
        /// The port state with a state override: the leading digits, at most 65535; the default port
        /// of <paramref name="protocol"/> is "". Without a protocol no port is a default one (as the
        /// WPT data expects: the pattern "443*" keeps its 443; the dummy URL's https does not apply).
        /// </summary>
        public static string Port(string value, string protocol = null)
        {
            if (value.Length == 0) return value;
            string input = UrlParser.RemoveTabsAndNewlines(value);
            int end = UrlParser.ReadPortDigits(input, 0, input.Length, out int port);
            if (end == 0) throw Invalid($"'{value}' is not a valid port");
            if (port > 65535) throw Invalid($"'{value}' is out of range for a port");
            if (protocol != null && port == SpecialSchemes.DefaultPortOrNone(protocol)) return string.Empty;
            return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The path start state with a state override in a special URL; a value without a leading '/' is parsed behind "/-", which is then cut off.</summary>
        public static string Pathname(string value)
        {
            if (value.Length == 0) return value;
            bool leadingSlash = value[0] == '/';
            string path = UrlParser.ParsePathOverride(leadingSlash ? value : "/-" + value, DummyScheme);
            return leadingSlash ? path : path.Substring(2);
        }

        /// <summary>The opaque path state with a state override: the C0 control percent-encode set.</summary>
        public static string OpaquePathname(string value) =>
            value.Length == 0 ? value : PercentEncoding.Encode(UrlParser.RemoveTabsAndNewlines(value), PercentEncodeSet.C0Control);

        /// <summary>The query state with a state override in a special URL ('#' is query data).</summary>
        public static string Search(string value) =>
            value.Length == 0 ? value : PercentEncoding.Encode(UrlParser.RemoveTabsAndNewlines(value), PercentEncodeSet.SpecialQuery);

        public static string Hash(string value) =>
            value.Length == 0 ? value : PercentEncoding.Encode(UrlParser.RemoveTabsAndNewlines(value), PercentEncodeSet.Fragment);

        private static UrlPatternFormatException Invalid(string reason) => new UrlPatternFormatException(null, null, -1, reason);
    }
}

using System.Collections.Generic;
using System.Globalization;
using EchoNet.Url;

namespace EchoNet
{
    /// <summary>
    /// A URL parsed by the WHATWG URL Standard. The properties named as in the Standard's URL API
    /// (Href, Origin, Protocol, Username, Password, Host, Hostname, Port, Pathname, Search, Hash)
    /// return exactly what the Standard's getters return; the others are conveniences on top.
    /// Instances are immutable; get one from <see cref="UrlParser"/>.
    /// </summary>
    /// <remarks>
    /// The parser writes the serialized URL (the href) while it parses and records where each
    /// component starts and ends in it, so a parse allocates the href and this object, and every
    /// component is a substring taken only when it is asked for:
    /// <code>
    /// https://user:pass@host:8080/p/a?q=1#f
    ///      |  |   |    |   |    |    |   |
    ///      |  |   |    |   |    |    |   fragmentStart ('#')
    ///      |  |   |    |   |    |    queryStart ('?')
    ///      |  |   |    |   |    pathStart (after the port; after "/." when that was inserted)
    ///      |  |   |    |   hostEnd
    ///      |  |   |    hostStart
    ///      |  |   usernameEnd (':' before the password, or the '@', or hostStart)
    ///      |  usernameStart = schemeEnd + 3
    ///      schemeEnd (':')
    /// </code>
    /// </remarks>
    public sealed class WhatwgUrl
    {
        internal readonly string href;
        internal readonly string scheme;       // lowercase; the shared constant for special schemes
        internal readonly UrlHostType hostType; // None when the URL has no host
        internal readonly int port;            // -1 when null (absent or the scheme's default)
        internal readonly int usernameEnd, hostStart, hostEnd, pathStart, queryStart, fragmentStart;
        internal readonly bool opaque;         // the path is an opaque string, not a list of segments
        internal readonly bool dotPrefix;      // "/." sits between the scheme and a path starting with "//"

        /// <summary>Set by the parser when it met validation errors; null when none.</summary>
        internal IReadOnlyList<UrlValidationErrorEntry> validationErrors;

        private string _origin;
        private IReadOnlyList<UrlQueryParameter> _queryParameters;
        private IReadOnlyList<string> _pathSegments;

        [System.Runtime.CompilerServices.MethodImpl(Tiering.Inline)]
        internal WhatwgUrl(string href, string scheme, UrlHostType hostType, int port, int usernameEnd, int hostStart, int hostEnd,
            int pathStart, int queryStart, int fragmentStart, bool opaque, bool dotPrefix)
        {
            this.href = href;
            this.scheme = scheme;
            this.hostType = hostType;
            this.port = port;
            this.usernameEnd = usernameEnd;
            this.hostStart = hostStart;
            this.hostEnd = hostEnd;
            this.pathStart = pathStart;
            this.queryStart = queryStart;
            this.fragmentStart = fragmentStart;
            this.opaque = opaque;
            this.dotPrefix = dotPrefix;
        }

        // Offsets derived from the stored ones.
        internal int SchemeEnd => scheme.Length;
        internal bool HasHost => hostType != UrlHostType.None;
        internal int UsernameStart => scheme.Length + 3;
        /// <summary>Where the authority (host and port) ends: the path, or the "/." before it.</summary>
        internal int AuthorityEnd => dotPrefix ? pathStart - 2 : pathStart;
        internal int PathEnd => queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : href.Length;
        internal int QueryEnd => fragmentStart >= 0 ? fragmentStart : href.Length;

        public string Href => href;
        public string Origin => _origin ?? (_origin = UrlSerializer.Origin(this));
        public string Protocol => href.Substring(0, scheme.Length + 1);

        public string Username => HasHost ? Slice(UsernameStart, usernameEnd) : string.Empty;

        public string Password => HasHost && hostStart > usernameEnd + 1 ? Slice(usernameEnd + 1, hostStart - 1) : string.Empty;

        public string Host => HasHost ? Slice(hostStart, AuthorityEnd) : string.Empty;
        public string Hostname => HasHost ? Slice(hostStart, hostEnd) : string.Empty;
        public string Port => port < 0 ? string.Empty : port.ToString(CultureInfo.InvariantCulture);
        public string Pathname => Slice(pathStart, PathEnd);
        public string Search => queryStart < 0 || QueryEnd - queryStart == 1 ? string.Empty : Slice(queryStart, QueryEnd);
        public string Hash => fragmentStart < 0 || fragmentStart == href.Length - 1 ? string.Empty : href.Substring(fragmentStart);

        /// <summary>The scheme without its colon, lowercase.</summary>
        public string Scheme => scheme;

        /// <summary>True for ftp, file, http, https, ws and wss.</summary>
        public bool IsSpecial => SpecialSchemes.IsSpecial(scheme);

        /// <summary>
        /// The port a client would connect to: the explicit port, else the special scheme's default
        /// (80, 443, 21). Null when there is neither (file: and non-special schemes without a port).
        /// </summary>
        public int? EffectivePort
        {
            get
            {
                if (port >= 0) return port;
                int defaultPort = SpecialSchemes.DefaultPortOrNone(scheme);
                return defaultPort == SpecialSchemes.NoDefaultPort ? (int?)null : defaultPort;
            }
        }

        /// <summary>The query without '?'. Null when the URL has no query, empty for a bare '?'.</summary>
        public string Query => queryStart < 0 ? null : Slice(queryStart + 1, QueryEnd);

        /// <summary>The fragment without '#'. Null when the URL has no fragment, empty for a bare '#'.</summary>
        public string Fragment => fragmentStart < 0 ? null : href.Substring(fragmentStart + 1);

        /// <summary>The query decoded as application/x-www-form-urlencoded: in order, duplicates kept.</summary>
        public IReadOnlyList<UrlQueryParameter> QueryParameters =>
            _queryParameters ?? (_queryParameters = FormUrlEncoded.Parse(Query));

        /// <summary>
        /// The path's segments as they appear in Href (still percent-encoded). Empty for an opaque
        /// path such as the one of <c>mailto:a@b</c>; see <see cref="HasOpaquePath"/>.
        /// </summary>
        public IReadOnlyList<string> PathSegments => _pathSegments ?? (_pathSegments = SplitPath());

        /// <summary>True when the path is a single opaque string (a non-special URL with no '/' after the scheme).</summary>
        public bool HasOpaquePath => opaque;

        public UrlHostType HostType => hostType;

        /// <summary>
        /// The validation errors the parse of this URL met, in order, repeats included (see
        /// <see cref="UrlParseResult.ValidationErrors"/>); empty when its input was a valid URL string.
        /// </summary>
        public IReadOnlyList<UrlValidationErrorEntry> ValidationErrors => validationErrors ?? ValidationErrorLog.None;

        /// <summary>
        /// Hostname for display: an internationalized domain in Unicode (xn-- labels decoded),
        /// every other host as <see cref="Hostname"/>. Not for comparisons or requests.
        /// </summary>
        public string DisplayHostname => hostType == UrlHostType.Domain ? Url.Idna.Idna.ToUnicode(Hostname) : Hostname;

        public override string ToString() => href;

        private string Slice(int start, int end) => start == end ? string.Empty : href.Substring(start, end - start);

        /// <summary>The segments: the path is "/seg/seg..." (each segment preceded by '/'), or empty.</summary>
        private IReadOnlyList<string> SplitPath()
        {
            var segments = new List<string>();
            if (!opaque)
            {
                int end = PathEnd;
                for (int i = pathStart; i < end;)
                {
                    int next = href.IndexOf('/', i + 1, end - i - 1);
                    if (next < 0) next = end;
                    segments.Add(Slice(i + 1, next));
                    i = next;
                }
            }
            return segments.AsReadOnly();
        }
    }
}

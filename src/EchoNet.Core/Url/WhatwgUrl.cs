using System;
using System.Collections.Generic;
using System.Globalization;
using EchoNet.Url;

namespace EchoNet
{
    /// <summary>
    /// A URL parsed by the WHATWG URL Standard. The properties named as in the Standard's URL API
    /// (Href, Origin, Protocol, Username, Password, Host, Hostname, Port, Pathname, Search, Hash,
    /// SearchParams) get and set exactly as the Standard's getters and setters do; the others are
    /// conveniences on top. Two URLs are equal when their hrefs are.
    /// Get one with <c>new WhatwgUrl(input, baseUrl)</c> (throws) or from <see cref="UrlParser"/> (a result value).
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
    /// A setter writes a new href and new offsets (<see cref="UrlSetters"/>) and drops the
    /// components cached from the old one.
    /// </remarks>
    public sealed class WhatwgUrl : IEquatable<WhatwgUrl>
    {
        internal string href;
        internal string scheme;       // lowercase; the shared constant for special schemes
        internal UrlHostType hostType; // None when the URL has no host
        internal int port;            // -1 when null (absent or the scheme's default)
        internal int usernameEnd, hostStart, hostEnd, pathStart, queryStart, fragmentStart;
        internal bool opaque;         // the path is an opaque string, not a list of segments
        internal bool dotPrefix;      // "/." sits between the scheme and a path starting with "//"

        /// <summary>
        /// Set by the parser when it met validation errors; null when none;
        /// <see cref="ValidationErrorLog.OfHref"/> after a setter, until asked for.
        /// </summary>
        internal IReadOnlyList<UrlValidationErrorEntry> validationErrors;

        private string _origin;
        private IReadOnlyList<UrlQueryParameter> _queryParameters;
        private IReadOnlyList<string> _pathSegments;
        private UrlSearchParams _searchParams;

        [System.Runtime.CompilerServices.MethodImpl(Tiering.Inline)]
        internal WhatwgUrl(string href, string scheme, UrlHostType hostType, int port, int usernameEnd, int hostStart, int hostEnd,
            int pathStart, int queryStart, int fragmentStart, bool opaque, bool dotPrefix)
        {
            Assign(href, scheme, hostType, port, usernameEnd, hostStart, hostEnd, pathStart, queryStart, fragmentStart, opaque, dotPrefix);
        }

        [System.Runtime.CompilerServices.MethodImpl(Tiering.Inline)]
        private void Assign(string href, string scheme, UrlHostType hostType, int port, int usernameEnd, int hostStart, int hostEnd,
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

        /// <summary>
        /// Parses <paramref name="input"/>, as the URL constructor does; throws
        /// <see cref="UrlFormatException"/> when it does not parse. (PowerShell uses this to turn a
        /// string into a WhatwgUrl: <c>[EchoNet.WhatwgUrl]'https://example.com/'</c>, and <c>-eq</c>.)
        /// </summary>
        public WhatwgUrl(string input) : this(input, null)
        {
        }

        /// <summary>
        /// Parses <paramref name="input"/> against <paramref name="baseUrl"/> (null for none), as the
        /// URL constructor does; throws <see cref="UrlFormatException"/> when either does not parse.
        /// </summary>
        public WhatwgUrl(string input, string baseUrl)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            var result = UrlParser.Parse(input, baseUrl);
            if (!result.IsValid) throw new UrlFormatException(input, baseUrl, result.Error);
            CopyFrom(result.Url);
        }

        /// <summary>Takes over the state of <paramref name="other"/> (a URL no one else holds) and drops the cached components.</summary>
        internal void CopyFrom(WhatwgUrl other)
        {
            Reset(other.href, other.scheme, other.hostType, other.port, other.usernameEnd, other.hostStart, other.hostEnd,
                other.pathStart, other.queryStart, other.fragmentStart, other.opaque, other.dotPrefix);
            validationErrors = other.validationErrors;
        }

        /// <summary>Takes a new href and offsets (a setter's) and drops the components cached from the old ones.</summary>
        [System.Runtime.CompilerServices.MethodImpl(Tiering.Optimized)]
        internal void Reset(string href, string scheme, UrlHostType hostType, int port, int usernameEnd, int hostStart, int hostEnd,
            int pathStart, int queryStart, int fragmentStart, bool opaque, bool dotPrefix)
        {
            Assign(href, scheme, hostType, port, usernameEnd, hostStart, hostEnd, pathStart, queryStart, fragmentStart, opaque, dotPrefix);
            _origin = null;
            _queryParameters = null;
            _pathSegments = null;
        }

        /// <summary>The live URLSearchParams once created (null before), for the setters that must refill it.</summary>
        internal UrlSearchParams SearchParamsIfCreated => _searchParams;

        /// <summary>
        /// Brings the href up to date with changes made through SearchParams, which are written
        /// lazily (see <see cref="UrlSearchParams"/>). Until then the href and offsets are the old
        /// ones, still consistent with each other and right for every component but the query, so
        /// only what shows the query (and the setters and the parser, which read the record) call this.
        /// </summary>
        internal void WriteSearchParams() => _searchParams?.WriteToUrl();

        // Offsets derived from the stored ones.
        internal int SchemeEnd => scheme.Length;
        internal bool HasHost => hostType != UrlHostType.None;
        internal int UsernameStart => scheme.Length + 3;
        /// <summary>Where the authority (host and port) ends: the path, or the "/." before it.</summary>
        internal int AuthorityEnd => dotPrefix ? pathStart - 2 : pathStart;
        internal int PathEnd => queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : href.Length;
        internal int QueryEnd => fragmentStart >= 0 ? fragmentStart : href.Length;

        /// <summary>The whole URL. Setting it parses the value and throws <see cref="UrlFormatException"/>, changing nothing, when that fails.</summary>
        public string Href
        {
            get
            {
                WriteSearchParams();
                return href;
            }
            set => UrlSetters.SetHref(this, value);
        }

        public string Origin => _origin ?? (_origin = UrlSerializer.Origin(this));

        /// <summary>The scheme and ':'. A setter cannot switch between special and non-special schemes.</summary>
        public string Protocol
        {
            get => href.Substring(0, scheme.Length + 1);
            set => UrlSetters.SetProtocol(this, value);
        }

        public string Username
        {
            get => HasHost ? Slice(UsernameStart, usernameEnd) : string.Empty;
            set => UrlSetters.SetUserinfo(this, value, password: false);
        }

        public string Password
        {
            get => HasHost && hostStart > usernameEnd + 1 ? Slice(usernameEnd + 1, hostStart - 1) : string.Empty;
            set => UrlSetters.SetUserinfo(this, value, password: true);
        }

        /// <summary>Hostname and, when not the scheme's default, ':' and the port.</summary>
        public string Host
        {
            get => HasHost ? Slice(hostStart, AuthorityEnd) : string.Empty;
            set => UrlSetters.SetHost(this, value, hostnameOnly: false);
        }

        public string Hostname
        {
            get => HasHost ? Slice(hostStart, hostEnd) : string.Empty;
            set => UrlSetters.SetHost(this, value, hostnameOnly: true);
        }

        /// <summary>The port in decimal; empty when it is absent or the scheme's default.</summary>
        public string Port
        {
            get => port < 0 ? string.Empty : port.ToString(CultureInfo.InvariantCulture);
            set => UrlSetters.SetPort(this, value);
        }

        public string Pathname
        {
            get => Slice(pathStart, PathEnd);
            set => UrlSetters.SetPathname(this, value);
        }

        /// <summary>'?' and the query; empty when the query is absent or empty.</summary>
        public string Search
        {
            get
            {
                WriteSearchParams();
                return queryStart < 0 || QueryEnd - queryStart == 1 ? string.Empty : Slice(queryStart, QueryEnd);
            }
            set => UrlSetters.SetSearch(this, value);
        }

        /// <summary>'#' and the fragment; empty when the fragment is absent or empty.</summary>
        public string Hash
        {
            get => fragmentStart < 0 || fragmentStart == href.Length - 1 ? string.Empty : href.Substring(fragmentStart);
            set => UrlSetters.SetHash(this, value);
        }

        /// <summary>
        /// The query as a live list of name/value pairs: changing it rewrites Search and Href, and
        /// setting Search or Href refills it. The same object for the life of this URL.
        /// </summary>
        public UrlSearchParams SearchParams => _searchParams ?? (_searchParams = new UrlSearchParams(this));

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
        public string Query
        {
            get
            {
                WriteSearchParams();
                return queryStart < 0 ? null : Slice(queryStart + 1, QueryEnd);
            }
        }

        /// <summary>The fragment without '#'. Null when the URL has no fragment, empty for a bare '#'.</summary>
        public string Fragment => fragmentStart < 0 ? null : href.Substring(fragmentStart + 1);

        /// <summary>The query decoded as application/x-www-form-urlencoded: in order, duplicates kept.</summary>
        public IReadOnlyList<UrlQueryParameter> QueryParameters
        {
            get
            {
                WriteSearchParams(); // drops the cached list when the query changed
                return _queryParameters ?? (_queryParameters = FormUrlEncoded.Parse(Query));
            }
        }

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
        /// After a setter changed the URL: those of the value given to Href, or for the other
        /// setters those of the new Href (found by parsing it when first asked for).
        /// </summary>
        public IReadOnlyList<UrlValidationErrorEntry> ValidationErrors
        {
            get
            {
                WriteSearchParams();
                if (ReferenceEquals(validationErrors, ValidationErrorLog.OfHref)) validationErrors = UrlParser.Parse(href).ValidationErrors;
                return validationErrors ?? ValidationErrorLog.None;
            }
        }

        /// <summary>
        /// Hostname for display: an internationalized domain in Unicode (xn-- labels decoded),
        /// every other host as <see cref="Hostname"/>. Not for comparisons or requests.
        /// </summary>
        public string DisplayHostname => hostType == UrlHostType.Domain ? Url.Idna.Uts46.ToUnicode(Hostname) : Hostname;

        public override string ToString() => Href;

        /// <summary>Equal when the hrefs are equal (ordinal): two parses of one URL are equal.</summary>
        public bool Equals(WhatwgUrl other) => other != null && string.Equals(Href, other.Href, StringComparison.Ordinal);

        public override bool Equals(object obj) => Equals(obj as WhatwgUrl);

        /// <summary>The href's hash code; it changes when a setter changes the URL.</summary>
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Href);

        public static bool operator ==(WhatwgUrl left, WhatwgUrl right) => ReferenceEquals(left, right) || (left is object && left.Equals(right));

        public static bool operator !=(WhatwgUrl left, WhatwgUrl right) => !(left == right);

        /// <summary>
        /// The same URL as a <see cref="System.Uri"/>, for APIs that take one (Invoke-WebRequest -Uri,
        /// HttpClient). System.Uri may escape it differently ('%zz' as '%25zz', a space in an opaque
        /// path as '%20', '%41' as 'A'): the same resource, but Href is the exact text. Throws
        /// <see cref="UriFormatException"/> for the URLs System.Uri cannot hold or would read with
        /// another scheme, host or port (see <see cref="UriConversion"/>).
        /// </summary>
        public Uri ToUri() => UriConversion.ToUri(this);

        /// <summary>Lets a WhatwgUrl go where a <see cref="System.Uri"/> is expected (PowerShell binds [uri] parameters with it).</summary>
        public static explicit operator Uri(WhatwgUrl url) => url?.ToUri();

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

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
    public sealed class WhatwgUrl
    {
        // The URL record, filled in by the parser.
        internal string scheme;
        internal string username = string.Empty;
        internal string password = string.Empty;
        internal string host;                    // serialized host; null when the URL has none
        internal UrlHostType hostType;
        internal int port = -1;                  // -1 when null (absent or the scheme's default)
        internal List<string> path = new List<string>(); // the segments; empty when the path is opaque
        internal string opaquePath;              // non-null exactly when the URL has an opaque path
        internal string query;
        internal string fragment;

        private string _href;
        private string _origin;
        private IReadOnlyList<UrlQueryParameter> _queryParameters;

        internal WhatwgUrl() { }

        public string Href => _href ?? (_href = UrlSerializer.Serialize(this));
        public string Origin => _origin ?? (_origin = UrlSerializer.Origin(this));
        public string Protocol => scheme + ":";
        public string Username => username;
        public string Password => password;
        public string Host => host == null ? string.Empty : port < 0 ? host : host + ":" + Port;
        public string Hostname => host ?? string.Empty;
        public string Port => port < 0 ? string.Empty : port.ToString(CultureInfo.InvariantCulture);
        public string Pathname => UrlSerializer.SerializePath(this);
        public string Search => string.IsNullOrEmpty(query) ? string.Empty : "?" + query;
        public string Hash => string.IsNullOrEmpty(fragment) ? string.Empty : "#" + fragment;

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
        public string Query => query;

        /// <summary>The fragment without '#'. Null when the URL has no fragment, empty for a bare '#'.</summary>
        public string Fragment => fragment;

        /// <summary>The query decoded as application/x-www-form-urlencoded: in order, duplicates kept.</summary>
        public IReadOnlyList<UrlQueryParameter> QueryParameters =>
            _queryParameters ?? (_queryParameters = FormUrlEncoded.Parse(query));

        /// <summary>
        /// The path's segments as they appear in Href (still percent-encoded). Empty for an opaque
        /// path such as the one of <c>mailto:a@b</c>; see <see cref="HasOpaquePath"/>.
        /// </summary>
        public IReadOnlyList<string> PathSegments => path.AsReadOnly();

        /// <summary>True when the path is a single opaque string (a non-special URL with no '/' after the scheme).</summary>
        public bool HasOpaquePath => opaquePath != null;

        public UrlHostType HostType => hostType;

        /// <summary>
        /// Hostname for display: an internationalized domain in Unicode (xn-- labels decoded),
        /// every other host as <see cref="Hostname"/>. Not for comparisons or requests.
        /// </summary>
        public string DisplayHostname => hostType == UrlHostType.Domain ? Url.Idna.Idna.ToUnicode(host) : Hostname;

        public override string ToString() => Href;
    }
}

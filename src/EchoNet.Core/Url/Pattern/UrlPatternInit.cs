namespace EchoNet
{
    /// <summary>
    /// A URL pattern (or a URL to match) given component by component: the Standard's
    /// URLPatternInit. A null property is absent, which is not the same as an empty string.
    /// </summary>
    public sealed class UrlPatternInit
    {
        public string Protocol { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
        public string Hostname { get; set; }
        public string Port { get; set; }
        public string Pathname { get; set; }
        public string Search { get; set; }
        public string Hash { get; set; }

        /// <summary>The base URL the other components are completed from (absent when null).</summary>
        public string BaseUrl { get; set; }

        /// <summary>The component names in the Standard's order.</summary>
        public static readonly string[] ComponentNames = { "protocol", "username", "password", "hostname", "port", "pathname", "search", "hash" };

        /// <summary>Gets or sets a component by its name ("protocol" ... "hash", or "baseURL"), case-insensitively.</summary>
        public string this[string name]
        {
            get
            {
                switch (name?.ToLowerInvariant())
                {
                    case "protocol": return Protocol;
                    case "username": return Username;
                    case "password": return Password;
                    case "hostname": return Hostname;
                    case "port": return Port;
                    case "pathname": return Pathname;
                    case "search": return Search;
                    case "hash": return Hash;
                    case "baseurl": return BaseUrl;
                    default: throw new System.ArgumentException($"'{name}' is not a URL pattern component.", nameof(name));
                }
            }
            set
            {
                switch (name?.ToLowerInvariant())
                {
                    case "protocol": Protocol = value; break;
                    case "username": Username = value; break;
                    case "password": Password = value; break;
                    case "hostname": Hostname = value; break;
                    case "port": Port = value; break;
                    case "pathname": Pathname = value; break;
                    case "search": Search = value; break;
                    case "hash": Hash = value; break;
                    case "baseurl": BaseUrl = value; break;
                    default: throw new System.ArgumentException($"'{name}' is not a URL pattern component.", nameof(name));
                }
            }
        }

        public static bool IsKnownKey(string name)
        {
            switch (name?.ToLowerInvariant())
            {
                case "protocol": case "username": case "password": case "hostname": case "port":
                case "pathname": case "search": case "hash": case "baseurl":
                    return true;
                default:
                    return false;
            }
        }

        public UrlPatternInit Clone() => (UrlPatternInit)MemberwiseClone();

        public override string ToString()
        {
            var sb = new System.Text.StringBuilder("{");
            foreach (var name in ComponentNames)
            {
                string value = this[name];
                if (value == null) continue;
                if (sb.Length > 1) sb.Append(", ");
                sb.Append(name).Append(": '").Append(value).Append('\'');
            }
            if (BaseUrl != null) sb.Append(sb.Length > 1 ? ", " : string.Empty).Append("baseURL: '").Append(BaseUrl).Append('\'');
            return sb.Append('}').ToString();
        }
    }
}

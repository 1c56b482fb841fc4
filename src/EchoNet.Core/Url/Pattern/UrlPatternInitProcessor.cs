namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// "Process a URLPatternInit" (3.2): completes components from the base URL (a component
    /// inherits only when nothing at least as specific was given), then processes each given
    /// component: as pattern text (type pattern: separators stripped, left for the compiler) or
    /// canonicalized as a URL would be (type url, for matching).
    /// </summary>
    internal static class UrlPatternInitProcessor
    {
        public static UrlPatternInit Process(UrlPatternInit init, bool isPattern)
        {
            string empty = isPattern ? null : string.Empty;
            var result = new UrlPatternInit
            {
                Protocol = empty, Username = empty, Password = empty, Hostname = empty,
                Port = empty, Pathname = empty, Search = empty, Hash = empty,
            };
            WhatwgUrl baseUrl = null;
            if (init.BaseUrl != null)
            {
                var parsed = UrlParser.Parse(init.BaseUrl);
                if (!parsed.IsValid) throw new UrlPatternFormatException(null, init.BaseUrl, -1, $"the base URL '{init.BaseUrl}' is not a valid URL ({parsed.ErrorName})");
                baseUrl = parsed.Url;
                bool p = init.Protocol != null, h = init.Hostname != null, o = init.Port != null, u = init.Username != null;
                if (!p) result.Protocol = BaseString(baseUrl.Scheme, isPattern);
                if (!isPattern && !p && !h && !o && !u) result.Username = BaseString(baseUrl.Username, isPattern);
                if (!isPattern && !p && !h && !o && !u && init.Password == null) result.Password = BaseString(baseUrl.Password, isPattern);
                if (!p && !h) result.Hostname = BaseString(baseUrl.Hostname ?? string.Empty, isPattern);
                if (!p && !h && !o) result.Port = baseUrl.Port ?? string.Empty;
                if (!p && !h && !o && init.Pathname == null) result.Pathname = BaseString(baseUrl.Pathname, isPattern);
                if (!p && !h && !o && init.Pathname == null && init.Search == null) result.Search = BaseString(baseUrl.Query ?? string.Empty, isPattern);
                if (!p && !h && !o && init.Pathname == null && init.Search == null && init.Hash == null)
                    result.Hash = BaseString(baseUrl.Fragment ?? string.Empty, isPattern);
            }

            if (init.Protocol != null)
            {
                string stripped = init.Protocol.EndsWith(":", System.StringComparison.Ordinal) ? init.Protocol.Substring(0, init.Protocol.Length - 1) : init.Protocol;
                result.Protocol = isPattern ? stripped : ComponentCanonicalizer.Protocol(stripped);
            }
            if (init.Username != null) result.Username = isPattern ? init.Username : ComponentCanonicalizer.Username(init.Username);
            if (init.Password != null) result.Password = isPattern ? init.Password : ComponentCanonicalizer.Password(init.Password);
            if (init.Hostname != null) result.Hostname = isPattern ? init.Hostname : ComponentCanonicalizer.Hostname(init.Hostname);
            string protocol = result.Protocol ?? string.Empty;
            if (init.Port != null) result.Port = isPattern ? init.Port : ComponentCanonicalizer.Port(init.Port, protocol);
            if (init.Pathname != null)
            {
                string pathname = init.Pathname;
                if (baseUrl != null && !baseUrl.HasOpaquePath && !IsAbsolutePathname(pathname, isPattern))
                {
                    string basePath = BaseString(baseUrl.Pathname, isPattern);
                    int slash = basePath.LastIndexOf('/');
                    if (slash >= 0) pathname = basePath.Substring(0, slash + 1) + pathname;
                }
                if (!isPattern)
                {
                    pathname = protocol.Length == 0 || SpecialSchemes.IsSpecial(protocol)
                        ? ComponentCanonicalizer.Pathname(pathname)
                        : ComponentCanonicalizer.OpaquePathname(pathname);
                }
                result.Pathname = pathname;
            }
            if (init.Search != null)
            {
                string stripped = init.Search.StartsWith("?", System.StringComparison.Ordinal) ? init.Search.Substring(1) : init.Search;
                result.Search = isPattern ? stripped : ComponentCanonicalizer.Search(stripped);
            }
            if (init.Hash != null)
            {
                string stripped = init.Hash.StartsWith("#", System.StringComparison.Ordinal) ? init.Hash.Substring(1) : init.Hash;
                result.Hash = isPattern ? stripped : ComponentCanonicalizer.Hash(stripped);
            }
            return result;
        }

        private static string BaseString(string input, bool isPattern) => isPattern ? RegexEscaping.EscapePatternString(input) : input;

        private static bool IsAbsolutePathname(string input, bool isPattern)
        {
            if (input.Length == 0) return false;
            if (input[0] == '/') return true;
            if (!isPattern) return false;
            if (input.Length < 2) return false;
            return (input[0] == '\\' || input[0] == '{') && input[1] == '/';
        }
    }
}

using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using EchoNet.Url;
using EchoNet.Url.Pattern;

namespace EchoNet
{
    /// <summary>
    /// A URL pattern (WHATWG URL Pattern Standard): built from a constructor string such as
    /// "https://*.example.com/books/:id" (relative ones against a base URL) or from components one
    /// by one (<see cref="UrlPatternInit"/>), it tests URLs and extracts their groups per component.
    /// Construction fails with <see cref="UrlPatternFormatException"/> (where the Standard throws a
    /// TypeError) or <see cref="UrlPatternNotSupportedException"/> (a JavaScript regexp .NET cannot
    /// say). Matching is linear in the input for every pattern without lookarounds or
    /// backreferences; those run on the backtracking engine, bounded by <see cref="MatchTimeout"/>
    /// (a match that runs over it throws <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>).
    /// Instances are immutable and safe to share between threads.
    /// </summary>
    public sealed class UrlPattern
    {
        /// <summary>The match timeout used when none is given: 1 second per component match.</summary>
        public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(1);

        private readonly UrlPatternComponent[] _components;

        public UrlPattern(string pattern, string baseUrl = null, bool ignoreCase = false, TimeSpan? matchTimeout = null)
            : this(FromString(pattern, baseUrl), ignoreCase, matchTimeout, pattern)
        {
        }

        public UrlPattern(UrlPatternInit init, bool ignoreCase = false, TimeSpan? matchTimeout = null)
            : this(init?.Clone() ?? throw new ArgumentNullException(nameof(init)), ignoreCase, matchTimeout, null)
        {
        }

        /// <summary>
        /// The Standard's constructor for either input kind: a constructor string (with an optional
        /// base URL) or components. A base URL beside components is an <see cref="ArgumentException"/>
        /// (the Standard's TypeError: the base goes inside the components, as their BaseUrl).
        /// </summary>
        public static UrlPattern Create(object input, string baseUrl = null, bool ignoreCase = false, TimeSpan? matchTimeout = null)
        {
            switch (input)
            {
                case string text:
                    return new UrlPattern(text, baseUrl, ignoreCase, matchTimeout);
                case UrlPatternInit init:
                    if (baseUrl != null) throw new ArgumentException("A base URL cannot be given beside URL pattern components: put it in the components as BaseUrl.", nameof(baseUrl));
                    return new UrlPattern(init, ignoreCase, matchTimeout);
                case null:
                    return new UrlPattern(new UrlPatternInit(), ignoreCase, matchTimeout);
                default:
                    throw new ArgumentException($"A URL pattern is built from a string or URL components, not a {input.GetType().Name}.", nameof(input));
            }
        }

        private UrlPattern(UrlPatternInit init, bool ignoreCase, TimeSpan? matchTimeout, string source)
        {
            IgnoreCase = ignoreCase;
            MatchTimeout = matchTimeout ?? DefaultMatchTimeout;
            Source = source ?? init.ToString();
            init = Scalar(init);
            var processed = UrlPatternInitProcessor.Process(init, isPattern: true);
            foreach (var name in UrlPatternInit.ComponentNames)
                if (processed[name] == null) processed[name] = "*";
            if (SpecialSchemes.IsSpecial(processed.Protocol)
                && processed.Port == SpecialSchemes.DefaultPortOrNone(processed.Protocol).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                processed.Port = string.Empty;
            }

            _components = new UrlPatternComponent[8];
            var timeout = MatchTimeout;
            _components[0] = UrlPatternComponent.Compile(processed.Protocol, ComponentCanonicalizer.Protocol, PatternOptions.Default, "protocol", timeout);
            _components[1] = UrlPatternComponent.Compile(processed.Username, ComponentCanonicalizer.Username, PatternOptions.Default, "username", timeout);
            _components[2] = UrlPatternComponent.Compile(processed.Password, ComponentCanonicalizer.Password, PatternOptions.Default, "password", timeout);
            _components[3] = UrlPatternComponent.Compile(processed.Hostname,
                IsIPv6Hostname(processed.Hostname) ? (Func<string, string>)ComponentCanonicalizer.IPv6Hostname : ComponentCanonicalizer.Hostname,
                PatternOptions.Hostname, "hostname", timeout);
            _components[4] = UrlPatternComponent.Compile(processed.Port, v => ComponentCanonicalizer.Port(v), PatternOptions.Default, "port", timeout);
            if (_components[0].MatchesSpecialScheme())
                _components[5] = UrlPatternComponent.Compile(processed.Pathname, ComponentCanonicalizer.Pathname, PatternOptions.Pathname.WithIgnoreCase(ignoreCase), "pathname", timeout);
            else
                _components[5] = UrlPatternComponent.Compile(processed.Pathname, ComponentCanonicalizer.OpaquePathname, PatternOptions.Default.WithIgnoreCase(ignoreCase), "pathname", timeout);
            _components[6] = UrlPatternComponent.Compile(processed.Search, ComponentCanonicalizer.Search, PatternOptions.Default.WithIgnoreCase(ignoreCase), "search", timeout);
            _components[7] = UrlPatternComponent.Compile(processed.Hash, ComponentCanonicalizer.Hash, PatternOptions.Default.WithIgnoreCase(ignoreCase), "hash", timeout);
        }

        private static UrlPatternInit FromString(string pattern, string baseUrl)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            var init = ConstructorStringParser.Parse(CodePointString.ToScalarValues(pattern));
            if (baseUrl == null && init.Protocol == null)
                throw new UrlPatternFormatException(null, pattern, -1, "a relative pattern needs a base URL (or give a protocol, e.g. 'https://')");
            if (baseUrl != null) init.BaseUrl = baseUrl;
            return init;
        }

        private static UrlPatternInit Scalar(UrlPatternInit init)
        {
            var copy = init.Clone();
            foreach (var name in UrlPatternInit.ComponentNames) copy[name] = CodePointString.ToScalarValues(copy[name]);
            copy.BaseUrl = CodePointString.ToScalarValues(copy.BaseUrl);
            return copy;
        }

        private static bool IsIPv6Hostname(string input)
        {
            if (input.Length < 2) return false;
            return input[0] == '[' || ((input[0] == '{' || input[0] == '\\') && input[1] == '[');
        }

        /// <summary>The pattern as given: the constructor string, or the components written out.</summary>
        public string Source { get; }

        public bool IgnoreCase { get; }

        public TimeSpan MatchTimeout { get; }

        public string Protocol => _components[0].PatternString;
        public string Username => _components[1].PatternString;
        public string Password => _components[2].PatternString;
        public string Hostname => _components[3].PatternString;
        public string Port => _components[4].PatternString;
        public string Pathname => _components[5].PatternString;
        public string Search => _components[6].PatternString;
        public string Hash => _components[7].PatternString;

        /// <summary>True when some component uses a regular expression group, e.g. ":id(\\d+)".</summary>
        public bool HasRegExpGroups
        {
            get
            {
                foreach (var component in _components)
                    if (component.HasRegExpGroups) return true;
                return false;
            }
        }

        /// <summary>True when every component matches in time linear in its input (no lookaround or backreference).</summary>
        public bool IsLinear
        {
            get
            {
                foreach (var component in _components)
                    if (!component.IsLinear) return false;
                return true;
            }
        }

        /// <summary>The names of all groups, in component order (unnamed ones as "0", "1" ...).</summary>
        public IReadOnlyList<string> GroupNames
        {
            get
            {
                var names = new List<string>();
                foreach (var component in _components) names.AddRange(component.GroupNames);
                return names;
            }
        }

        /// <summary>Whether the URL string (resolved against <paramref name="baseUrl"/> if given) matches; false when it is not a URL.</summary>
        public bool Test(string input, string baseUrl = null) => Match(input, null, null, baseUrl, gather: false, out _);

        /// <summary>Whether the components match (missing ones are empty, or come from the init's base URL).</summary>
        public bool Test(UrlPatternInit input) => Match(null, input, null, null, gather: false, out _);

        public bool Test(WhatwgUrl input) => Match(null, null, input ?? throw new ArgumentNullException(nameof(input)), null, gather: false, out _);

        /// <summary>The match with its groups, or null.</summary>
        public UrlPatternResult Exec(string input, string baseUrl = null) => Match(input, null, null, baseUrl, gather: true, out var result) ? result : null;

        public UrlPatternResult Exec(UrlPatternInit input) => Match(null, input, null, null, gather: true, out var result) ? result : null;

        public UrlPatternResult Exec(WhatwgUrl input) => Match(null, null, input ?? throw new ArgumentNullException(nameof(input)), null, gather: true, out var result) ? result : null;

        /// <summary>
        /// Test for an input of any accepted kind: a string (with an optional base URL), a
        /// <see cref="UrlPatternInit"/> or a <see cref="WhatwgUrl"/>. A base URL beside an init or a
        /// URL, or an input of another type, is an <see cref="ArgumentException"/> (the Standard's TypeError).
        /// </summary>
        public bool Test(object input, string baseUrl) => MatchAny(input, baseUrl, gather: false, out _);

        /// <summary>Exec for an input of any accepted kind (see <see cref="Test(object, string)"/>).</summary>
        public UrlPatternResult Exec(object input, string baseUrl) => MatchAny(input, baseUrl, gather: true, out var result) ? result : null;

        private bool MatchAny(object input, string baseUrl, bool gather, out UrlPatternResult result)
        {
            switch (input)
            {
                case string text:
                    return Match(text, null, null, baseUrl, gather, out result);
                case UrlPatternInit init:
                    if (baseUrl != null) throw new ArgumentException("A base URL cannot be given beside URL components: put it in the components' BaseUrl.", nameof(baseUrl));
                    return Match(null, init, null, null, gather, out result);
                case WhatwgUrl url:
                    if (baseUrl != null) throw new ArgumentException("A base URL cannot be given beside a parsed URL.", nameof(baseUrl));
                    return Match(null, null, url, null, gather, out result);
                case null:
                    throw new ArgumentNullException(nameof(input));
                default:
                    throw new ArgumentException($"A URL pattern matches a string, URL components or a WhatwgUrl, not a {input.GetType().Name}.", nameof(input));
            }
        }

        /// <summary>
        /// Writes the component's text for the given group values (the proposed generate()): each
        /// named group's value is canonicalized as the component would be and must fit its group.
        /// Fails (<see cref="ArgumentException"/>) for an unknown component, a missing value, or a
        /// pattern with modifiers, wildcards or regexp groups.
        /// </summary>
        public string Generate(string component, IReadOnlyDictionary<string, string> groups)
        {
            var compiled = ComponentNamed(component) ?? throw new ArgumentException($"'{component}' is not a URL pattern component.", nameof(component));
            return PatternGenerator.Generate(compiled, groups);
        }

        /// <summary>
        /// Orders two patterns by how specific one component is (the proposed compareComponent):
        /// -1, 0 or 1, fixed text above regexp groups above named groups above wildcards.
        /// </summary>
        public static int CompareComponent(string component, UrlPattern left, UrlPattern right)
        {
            var l = left.ComponentNamed(component) ?? throw new ArgumentException($"'{component}' is not a URL pattern component.", nameof(component));
            return PatternComparer.Compare(l, right.ComponentNamed(component));
        }

        [MethodImpl(Tiering.Optimized)]
        private bool Match(string text, UrlPatternInit init, WhatwgUrl url, string baseUrl, bool gather, out UrlPatternResult result)
        {
            result = null;
            string[] values = null;
            object shown = init;
            if (init != null)
            {
                UrlPatternInit applied;
                try
                {
                    applied = UrlPatternInitProcessor.Process(Scalar(init), isPattern: false);
                }
                catch (UrlPatternFormatException)
                {
                    return false;
                }
                values = new[] { applied.Protocol, applied.Username, applied.Password, applied.Hostname, applied.Port, applied.Pathname, applied.Search, applied.Hash };
            }
            else if (text != null)
            {
                shown = text;
                WhatwgUrl parsedBase = null;
                if (baseUrl != null)
                {
                    var parsed = UrlParser.Parse(baseUrl);
                    if (!parsed.IsValid) return false;
                    parsedBase = parsed.Url;
                }
                var parsedInput = UrlParser.ParseAgainst(text, parsedBase);
                if (!parsedInput.IsValid) return false;
                url = parsedInput.Url;
            }

            if (!gather)
            {
                for (int i = 0; i < 8; i++)
                {
                    var component = _components[i];
                    // A URL's components never hold a line terminator (the parser strips or
                    // percent-encodes them), so a lone '*' matches without reading the component.
                    if (url != null && component.IsWildcard) continue;
                    if (values != null ? !component.Test(values[i]) : !TestComponentOf(url, i, component)) return false;
                }
                return true;
            }
            var components = new UrlPatternComponentResult[8];
            for (int i = 0; i < 8; i++)
            {
                string value = values != null ? values[i] : ComponentOf(url, i);
                var groups = _components[i].Exec(value);
                if (groups == null) return false;
                components[i] = new UrlPatternComponentResult(value, _components[i].GroupNames, groups);
            }
            var inputs = new List<object>(2) { shown ?? url.Href };
            if (text != null && baseUrl != null) inputs.Add(baseUrl);
            result = new UrlPatternResult(inputs, components);
            return true;
        }

        /// <summary>Tests component <paramref name="index"/> of a URL where it lies in the href, without copying it out.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TestComponentOf(WhatwgUrl url, int index, UrlPatternComponent component)
        {
            string href = url.href;
            switch (index)
            {
                case 0: return component.Test(url.scheme);
                case 1: return url.HasHost ? component.Test(href, url.UsernameStart, url.usernameEnd) : component.Test(string.Empty);
                case 3: return url.HasHost ? component.Test(href, url.hostStart, url.hostEnd) : component.Test(string.Empty);
                case 5: return component.Test(href, url.pathStart, url.PathEnd);
                case 6: return url.queryStart < 0 ? component.Test(string.Empty) : component.Test(href, url.queryStart + 1, url.QueryEnd);
                case 7: return url.fragmentStart < 0 ? component.Test(string.Empty) : component.Test(href, url.fragmentStart + 1, href.Length);
                default: return component.Test(ComponentOf(url, index)); // password, port
            }
        }

        /// <summary>Component <paramref name="index"/> of a URL as the Standard's match reads it (protocol ... hash).</summary>
        private static string ComponentOf(WhatwgUrl url, int index)
        {
            switch (index)
            {
                case 0: return url.Scheme;
                case 1: return url.Username;
                case 2: return url.Password;
                case 3: return url.Hostname;
                case 4: return url.Port;
                case 5: return url.Pathname;
                case 6: return url.Query ?? string.Empty;
                default: return url.Fragment ?? string.Empty;
            }
        }

        public override string ToString() => Source;

        internal UrlPatternComponent ComponentNamed(string name)
        {
            int index = Array.IndexOf(UrlPatternInit.ComponentNames, name);
            return index < 0 ? null : _components[index];
        }
    }
}

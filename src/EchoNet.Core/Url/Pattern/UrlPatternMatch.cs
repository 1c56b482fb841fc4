using System.Collections.Generic;

namespace EchoNet
{
    /// <summary>
    /// One input that a pattern matched (what Select-Url writes): the input as given, the URL it
    /// resolved to and the pattern as properties; the full result and the named groups through
    /// methods, so that a table or CSV of matches holds only what was matched (the cmdlet adds each
    /// named group as a property of its own).
    /// </summary>
    public sealed class UrlPatternMatch
    {
        public UrlPatternMatch(string input, string url, UrlPattern pattern, UrlPatternResult result)
        {
            Input = input;
            Url = url;
            Pattern = pattern;
            _result = result;
        }

        private readonly UrlPatternResult _result;

        /// <summary>The input as given (a line, an href, or the components written out).</summary>
        public string Input { get; }

        /// <summary>The href the input resolved to; null when the input was components.</summary>
        public string Url { get; }

        public UrlPattern Pattern { get; }

        /// <summary>The full match: every component's input and groups.</summary>
        public UrlPatternResult GetResult() => _result;

        /// <summary>The named groups of every component, in pattern order (see <see cref="UrlPatternResult.NamedGroups"/>).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> GetGroups() => _result.NamedGroups;

        public override string ToString() => Input;
    }
}

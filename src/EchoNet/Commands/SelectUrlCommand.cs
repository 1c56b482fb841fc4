using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using EchoNet.Binding;
using EchoNet.Streams;
using EchoNet.Url;

namespace EchoNet.Commands
{
    /// <summary>
    /// Select-String for URLs: writes, for each input that a URL pattern matches, a match object
    /// (<see cref="UrlPatternMatch"/>) with the named groups added as properties, so Group-Object,
    /// Sort-Object and Export-Csv take them directly. With several patterns the first that matches
    /// wins (-AllMatches: one object per matching pattern). Strings are resolved against -BaseUrl
    /// (which also completes relative patterns) and parsed once for all patterns. An input that is
    /// not a URL matches nothing (-Verbose says why); an input of the wrong type or a match that
    /// runs out of time is a non-terminating error, and the next input is processed.
    /// </summary>
    [Cmdlet(VerbsCommon.Select, "Url")]
    [OutputType(typeof(UrlPatternMatch))]
    public sealed class SelectUrlCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private UrlPatternSet _patterns;
        private bool _tracing;
        private string _baseText;
        private WhatwgUrl _base;
        private bool _baseValid;

        /// <summary>One or more patterns: constructor strings, hashtables of components, or UrlPattern objects.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public object[] Pattern { get; set; }

        /// <summary>The lines, URLs, hashtables or objects with a Url property to match.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        public object InputObject { get; set; }

        /// <summary>The base URL that relative inputs and relative string patterns are resolved against.</summary>
        [Parameter]
        [Alias("Base")]
        public string BaseUrl { get; set; }

        /// <summary>Match the pathname, search and hash of string and hashtable patterns without regard to case.</summary>
        [Parameter]
        public SwitchParameter IgnoreCase { get; set; }

        /// <summary>One match object per matching pattern, not only the first.</summary>
        [Parameter]
        public SwitchParameter AllMatches { get; set; }

        /// <summary>Write the inputs that no pattern matches (as they came), instead of matches.</summary>
        [Parameter]
        public SwitchParameter NotMatch { get; set; }

        protected override void BeginProcessing()
        {
            _tracing = VerboseStream.IsEnabled(this);
            _patterns = new UrlPatternSet(Pattern, IgnoreCase);
            _patterns.For(BaseUrl, WriteError); // report bad patterns before the first input
        }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (!UrlPatternBinding.TryInput(InputObject, out object input, out ErrorRecord error))
            {
                WriteError(error);
                return;
            }
            var patterns = _patterns.For(BaseUrl, WriteError);
            string shown;
            string href = null;
            if (input is string text)
            {
                shown = text;
                if (!TryParse(text, out WhatwgUrl url))
                {
                    if (NotMatch) WriteObject(InputObject); // not a URL: matched by no pattern
                    return;
                }
                input = url;
                href = url.Href;
            }
            else if (input is WhatwgUrl url)
            {
                shown = href = url.Href;
            }
            else
            {
                shown = input.ToString();
            }

            bool matched = false;
            foreach (var pattern in patterns)
            {
                UrlPatternResult result;
                try
                {
                    result = pattern.Exec(input, null);
                }
                catch (RegexMatchTimeoutException e)
                {
                    WriteError(UrlPatternBinding.MatchTimeout(e, shown));
                    continue;
                }
                if (result == null) continue;
                matched = true;
                if (!NotMatch) WriteObject(Flatten(new UrlPatternMatch(shown, href, pattern, result)));
                if (!AllMatches) break;
            }
            if (NotMatch && !matched) WriteObject(InputObject);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        private bool TryParse(string text, out WhatwgUrl url)
        {
            url = null;
            if (BaseUrl != null && !string.Equals(BaseUrl, _baseText, StringComparison.Ordinal))
            {
                _baseText = BaseUrl;
                _baseValid = UrlParser.TryParse(BaseUrl, null, out _base, out _);
            }
            if (BaseUrl != null && !_baseValid)
            {
                if (_tracing) WriteVerbose($"'{text}' is not matched: the base URL '{BaseUrl}' is not a URL.");
                return false;
            }
            UrlParseResult result;
            try
            {
                result = UrlParser.ParseAgainst(text, BaseUrl == null ? null : _base, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            if (!result.IsValid)
            {
                if (_tracing) WriteVerbose($"'{text}' is not a URL{(BaseUrl == null ? " (a relative one needs -BaseUrl)" : string.Empty)}: {result.ErrorMessage}");
                return false;
            }
            url = result.Url;
            return true;
        }

        /// <summary>The match with each named group as a property; a group named like a property of the match gets the suffix "Group".</summary>
        private static PSObject Flatten(UrlPatternMatch match)
        {
            var wrapped = PSObject.AsPSObject(match);
            foreach (KeyValuePair<string, string> group in match.GetGroups())
            {
                string name = wrapped.Properties[group.Key] == null ? group.Key : group.Key + "Group";
                if (wrapped.Properties[name] != null) continue;
                wrapped.Properties.Add(new PSNoteProperty(name, group.Value));
            }
            return wrapped;
        }
    }
}

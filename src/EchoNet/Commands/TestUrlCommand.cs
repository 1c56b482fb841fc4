using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EchoNet.Binding;
using EchoNet.Url;

namespace EchoNet.Commands
{
    /// <summary>
    /// Tells whether each input is a URL by the WHATWG URL Standard (resolved against -BaseUrl when
    /// given): $true or $false per input, never an error, so it fits a Where-Object filter. With
    /// -Strict, $true only for a valid URL string: one that parses with no validation error. With
    /// -Pattern, $true only for a URL that one of the URL patterns matches (-BaseUrl also completes
    /// relative patterns); a pattern that does not build is reported once and left out. Strings
    /// and objects bind as <see cref="UrlInputCommand"/> says (as ConvertFrom-Url takes them).
    /// Ctrl+C stops a parse of a huge input inside it, not after it.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Url", DefaultParameterSetName = StringSet)]
    [OutputType(typeof(bool))]
    public sealed class TestUrlCommand : UrlInputCommand
    {
        private string _baseText;
        private WhatwgUrl _base;
        private bool _baseValid;

        /// <summary>$true only when the input parses with no validation error at all (a valid URL string).</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        /// <summary>URL patterns (strings, hashtables of components, UrlPattern objects): $true only when one matches.</summary>
        [Parameter]
        public object[] Pattern { get; set; }

        /// <summary>With -Pattern: match the pathname, search and hash without regard to case.</summary>
        [Parameter]
        public SwitchParameter IgnoreCase { get; set; }

        private UrlPatternSet _patterns;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Pattern == null) return;
            _patterns = new UrlPatternSet(Pattern, IgnoreCase);
            _patterns.For(BaseUrl, WriteError); // report bad patterns before the first input
        }

        protected override void ProcessRecord() => StopOnCancel(TestInputs);

        private void TestInputs()
        {
            bool baseValid = TryGetBase(out WhatwgUrl baseUrl);
            if (Url == null)
            {
                WriteObject(false); // a $null input is not a URL
                return;
            }
            foreach (string text in Url)
                WriteObject(baseValid && text != null && IsUrl(text, baseUrl));
        }

        private bool IsUrl(string text, WhatwgUrl baseUrl)
        {
            var result = UrlParser.ParseAgainst(text, baseUrl, StopToken);
            if (Tracing) WriteVerbose(result.IsValid ? ConvertFromUrlCommand.DescribeParse(text, result) : $"'{UrlFormatException.Shortened(text)}' is not a URL: {result.ErrorMessage}");
            return result.IsValid && (!Strict || result.ValidationErrors.Count == 0) && MatchesPattern(result.Url, text);
        }

        private bool MatchesPattern(WhatwgUrl url, string text)
        {
            if (_patterns == null) return true;
            foreach (var pattern in _patterns.For(BaseUrl, WriteError))
            {
                try
                {
                    if (pattern.Test(url)) return true;
                }
                catch (RegexMatchTimeoutException e)
                {
                    WriteError(UrlPatternBinding.MatchTimeout(e, text));
                }
            }
            if (Tracing) WriteVerbose($"'{UrlFormatException.Shortened(text)}' matches none of the {_patterns.For(BaseUrl, WriteError).Count} pattern(s).");
            return false;
        }

        /// <summary>Parses -BaseUrl once per distinct value (it may change per record when bound by property name).</summary>
        private bool TryGetBase(out WhatwgUrl baseUrl)
        {
            if (BaseUrl != null && !string.Equals(BaseUrl, _baseText, StringComparison.Ordinal))
            {
                _baseText = BaseUrl;
                var result = UrlParser.Parse(BaseUrl, null, StopToken);
                _baseValid = result.IsValid;
                _base = result.Url;
            }
            baseUrl = BaseUrl == null ? null : _base;
            return BaseUrl == null || _baseValid;
        }
    }
}

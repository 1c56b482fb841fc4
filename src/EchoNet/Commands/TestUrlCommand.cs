using System;
using System.Management.Automation;
using EchoNet.Url;

namespace EchoNet.Commands
{
    /// <summary>
    /// Tells whether each input is a URL by the WHATWG URL Standard (resolved against -BaseUrl when
    /// given): $true or $false per input, never an error, so it fits a Where-Object filter.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Url")]
    [OutputType(typeof(bool))]
    public sealed class TestUrlCommand : PSCmdlet
    {
        private string _baseText;
        private WhatwgUrl _base;
        private bool _baseValid;

        /// <summary>The strings to test, or relative references when -BaseUrl is given.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri", "Href")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] Url { get; set; }

        /// <summary>The URL that relative inputs are resolved against; when it is not a URL, every input is $false.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Base")]
        public string BaseUrl { get; set; }

        protected override void ProcessRecord()
        {
            bool baseValid = TryGetBase(out WhatwgUrl baseUrl);
            if (Url == null)
            {
                WriteObject(false); // a $null input is not a URL
                return;
            }
            foreach (string text in Url)
                WriteObject(baseValid && text != null && UrlParser.TryParse(text, baseUrl, out _, out _));
        }

        /// <summary>Parses -BaseUrl once per distinct value (it may change per record when bound by property name).</summary>
        private bool TryGetBase(out WhatwgUrl baseUrl)
        {
            if (BaseUrl != null && !string.Equals(BaseUrl, _baseText, StringComparison.Ordinal))
            {
                _baseText = BaseUrl;
                _baseValid = UrlParser.TryParse(BaseUrl, null, out _base, out _);
            }
            baseUrl = BaseUrl == null ? null : _base;
            return BaseUrl == null || _baseValid;
        }
    }
}

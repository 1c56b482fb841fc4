using System.Management.Automation;
using System;
using System.Threading;
using EchoNet.Binding;
using EchoNet.ErrorRecords;
using EchoNet.Url;

namespace EchoNet.Commands
{
    /// <summary>
    /// Parses URLs as the WHATWG URL Standard (and so browsers and Node) do, optionally resolving
    /// them against a base URL. Each input gives one <see cref="WhatwgUrl"/>, or a non-terminating
    /// InvalidUrl error that says why, and the next input is processed. Strings and objects bind as
    /// <see cref="UrlInputCommand"/> says. Ctrl+C stops a parse of a huge input inside it, not after it.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "Url", DefaultParameterSetName = StringSet)]
    [OutputType(typeof(WhatwgUrl))]
    public sealed class ConvertFromUrlCommand : UrlInputCommand
    {
        private string _baseText;
        private WhatwgUrl _base;

        protected override void ProcessRecord() => StopOnCancel(ParseInputs);

        private void ParseInputs()
        {
            if (!TryGetBase(out WhatwgUrl baseUrl)) return;
            if (Url == null)
            {
                WriteError(NetErrors.InvalidArgument(InvalidUrlId, "The URL is null.", null));
                return;
            }
            foreach (string text in Url)
            {
                if (text == null)
                {
                    WriteError(NetErrors.InvalidArgument(InvalidUrlId, "The URL is null.", null));
                    continue;
                }
                var result = UrlParser.ParseAgainst(text, baseUrl, StopToken);
                if (result.IsValid)
                {
                    if (Tracing) WriteVerbose(DescribeParse(text, result));
                    WriteObject(result.Url);
                }
                else WriteError(NetErrors.InvalidArgument(InvalidUrlId, $"Cannot parse '{UrlFormatException.Shortened(text)}' as a URL: {result.ErrorMessage}", text));
            }
        }

        private const string InvalidUrlId = "InvalidUrl";

        /// <summary>The -Verbose line for a parsed input: what it became and what the parser repaired.</summary>
        internal static string DescribeParse(string text, UrlParseResult result)
        {
            string errors = result.ValidationErrors.Count == 0
                ? "no validation error"
                : $"{result.ValidationErrors.Count} validation error(s): {string.Join(", ", result.ValidationErrors)}";
            return $"'{UrlFormatException.Shortened(text)}' parses as {UrlFormatException.Shortened(result.Url.Href)} ({errors}).";
        }

        /// <summary>Parses -BaseUrl once per distinct value (it may change per record when bound by property name).</summary>
        private bool TryGetBase(out WhatwgUrl baseUrl)
        {
            baseUrl = null;
            if (BaseUrl == null) return true;
            if (!string.Equals(BaseUrl, _baseText, StringComparison.Ordinal))
            {
                var result = UrlParser.Parse(BaseUrl, null, StopToken);
                if (!result.IsValid)
                {
                    WriteError(NetErrors.InvalidArgument("InvalidBaseUrl",
                        $"Cannot parse the base URL '{UrlFormatException.Shortened(BaseUrl)}': {UrlValidationErrors.Describe(result.Error)}", BaseUrl));
                    return false;
                }
                _baseText = BaseUrl;
                _base = result.Url;
            }
            baseUrl = _base;
            return true;
        }
    }
}

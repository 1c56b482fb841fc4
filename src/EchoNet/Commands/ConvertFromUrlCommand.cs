using System.Management.Automation;
using System;
using EchoNet.ErrorRecords;
using EchoNet.Url;

namespace EchoNet.Commands
{
    /// <summary>
    /// Parses URLs as the WHATWG URL Standard (and so browsers and Node) do, optionally resolving
    /// them against a base URL. Each input gives one <see cref="WhatwgUrl"/>, or a non-terminating
    /// InvalidUrl error that says why, and the next input is processed.
    /// </summary>
    /// <remarks>
    /// Two parameter sets with the same two parameters, so that a piped string never meets
    /// by-property-name binding: PowerShell binds each pipeline object by value first, and once
    /// -Url is bound by value in the <see cref="StringSet"/> set, only that set's parameters are
    /// left, none of them by property name. With a single set, every string would also be searched
    /// for BaseUrl and Base properties, and the strings Get-Content writes carry six note
    /// properties (PSPath, ReadCount, ...), which made that search cost more than the parse.
    /// Objects (not strings) fail the by-value step and bind by property name in the
    /// <see cref="PropertySet"/> set: Url, Uri or Href, and BaseUrl or Base.
    /// </remarks>
    [Cmdlet(VerbsData.ConvertFrom, "Url", DefaultParameterSetName = StringSet)]
    [OutputType(typeof(WhatwgUrl))]
    public sealed class ConvertFromUrlCommand : PSCmdlet
    {
        private const string StringSet = "String";
        private const string PropertySet = "PropertyName";

        private string _baseText;
        private WhatwgUrl _base;

        /// <summary>The URL strings, or relative references when -BaseUrl is given.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = StringSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PropertySet)]
        [Alias("Uri", "Href")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] Url { get; set; }

        /// <summary>The URL that relative inputs are resolved against.</summary>
        [Parameter(Position = 1, ParameterSetName = StringSet)]
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = PropertySet)]
        [Alias("Base")]
        public string BaseUrl { get; set; }

        protected override void ProcessRecord()
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
                var result = UrlParser.ParseAgainst(text, baseUrl);
                if (result.IsValid) WriteObject(result.Url);
                else WriteError(NetErrors.InvalidArgument(InvalidUrlId, $"Cannot parse '{text}' as a URL: {result.ErrorMessage}", text));
            }
        }

        private const string InvalidUrlId = "InvalidUrl";

        /// <summary>Parses -BaseUrl once per distinct value (it may change per record when bound by property name).</summary>
        private bool TryGetBase(out WhatwgUrl baseUrl)
        {
            baseUrl = null;
            if (BaseUrl == null) return true;
            if (!string.Equals(BaseUrl, _baseText, StringComparison.Ordinal))
            {
                var result = UrlParser.Parse(BaseUrl);
                if (!result.IsValid)
                {
                    WriteError(NetErrors.InvalidArgument("InvalidBaseUrl",
                        $"Cannot parse the base URL '{BaseUrl}': {UrlValidationErrors.Describe(result.Error)}", BaseUrl));
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

namespace EchoNet.Url
{
    /// <summary>The outcome of parsing: the URL, or the reason it failed. Failing is not exceptional.</summary>
    public readonly struct UrlParseResult
    {
        internal UrlParseResult(WhatwgUrl url, UrlValidationError error)
        {
            Url = url;
            Error = error;
        }

        /// <summary>The parsed URL; null when parsing failed.</summary>
        public WhatwgUrl Url { get; }

        public UrlValidationError Error { get; }

        public bool IsValid => Url != null;

        /// <summary>The URL Standard's name for the failure, e.g. "host-missing"; empty on success.</summary>
        public string ErrorName => UrlValidationErrors.SpecName(Error);

        /// <summary>A sentence that says why parsing failed; empty on success.</summary>
        public string ErrorMessage => UrlValidationErrors.Describe(Error);
    }
}

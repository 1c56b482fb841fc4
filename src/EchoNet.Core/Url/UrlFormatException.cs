using System;
using EchoNet.Text;

namespace EchoNet.Url
{
    /// <summary>
    /// Thrown where the URL API must throw (the URL constructor, setting Href): the input is not a
    /// URL. <see cref="Error"/> says why; the object being set is left unchanged.
    /// </summary>
    public sealed class UrlFormatException : FormatException
    {
        public UrlFormatException(string input, string baseUrl, UrlValidationError error)
            : base(BuildMessage(input, baseUrl, error))
        {
            Input = input;
            BaseUrl = baseUrl;
            Error = error;
        }

        /// <summary>The text that did not parse.</summary>
        public string Input { get; }

        /// <summary>The base URL it was resolved against, or null.</summary>
        public string BaseUrl { get; }

        public UrlValidationError Error { get; }

        /// <summary>The URL Standard's name for the failure, e.g. "host-missing".</summary>
        public string ErrorName => UrlValidationErrors.SpecName(Error);

        private static string BuildMessage(string input, string baseUrl, UrlValidationError error) =>
            baseUrl == null
                ? $"Cannot parse '{DisplayText.Shortened(input)}' as a URL: {UrlValidationErrors.Describe(error)}"
                : $"Cannot parse '{DisplayText.Shortened(input)}' as a URL against the base '{DisplayText.Shortened(baseUrl)}': {UrlValidationErrors.Describe(error)}";
    }
}

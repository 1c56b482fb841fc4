using System;

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

        /// <summary>How much of an input a message repeats (<see cref="Shortened"/>).</summary>
        public const int MaxShownLength = 200;

        /// <summary>
        /// A URL input as an error message repeats it: at most <see cref="MaxShownLength"/>
        /// characters and the whole length, since a megabyte of input would drown the reason (and
        /// take seconds to format). The error's target object keeps the whole input.
        /// </summary>
        public static string Shortened(string text) =>
            text == null || text.Length <= MaxShownLength ? text : text.Substring(0, MaxShownLength) + $"... ({text.Length} characters)";

        /// <summary>The URL Standard's name for the failure, e.g. "host-missing".</summary>
        public string ErrorName => UrlValidationErrors.SpecName(Error);

        private static string BuildMessage(string input, string baseUrl, UrlValidationError error) =>
            baseUrl == null
                ? $"Cannot parse '{Shortened(input)}' as a URL: {UrlValidationErrors.Describe(error)}"
                : $"Cannot parse '{Shortened(input)}' as a URL against the base '{Shortened(baseUrl)}': {UrlValidationErrors.Describe(error)}";
    }
}

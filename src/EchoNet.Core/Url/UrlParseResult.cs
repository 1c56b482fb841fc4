using System.Collections.Generic;

namespace EchoNet.Url
{
    /// <summary>The outcome of parsing: the URL, or the reason it failed. Failing is not exceptional.</summary>
    public readonly struct UrlParseResult
    {
        private readonly IReadOnlyList<UrlValidationErrorEntry> _validationErrors;

        internal UrlParseResult(WhatwgUrl url, UrlValidationError error, IReadOnlyList<UrlValidationErrorEntry> validationErrors)
        {
            Url = url;
            Error = error;
            _validationErrors = validationErrors;
        }

        /// <summary>The parsed URL; null when parsing failed.</summary>
        public WhatwgUrl Url { get; }

        /// <summary>Why parsing failed; <see cref="UrlValidationError.None"/> on success.</summary>
        public UrlValidationError Error { get; }

        public bool IsValid => Url != null;

        /// <summary>The URL Standard's name for the failure, e.g. "host-missing"; empty on success.</summary>
        public string ErrorName => UrlValidationErrors.SpecName(Error);

        /// <summary>A sentence that says why parsing failed; empty on success.</summary>
        public string ErrorMessage => UrlValidationErrors.Describe(Error);

        /// <summary>
        /// Every validation error the parse met, in the order the Standard's steps met them,
        /// repeats included; each one's string form is the Standard's name. Empty for a valid URL
        /// string. A failed parse lists what it met up to the failure, the failure last (for a
        /// domain that fails, that is domain-to-ASCII, as the reference implementation records it).
        /// </summary>
        public IReadOnlyList<UrlValidationErrorEntry> ValidationErrors => _validationErrors ?? ValidationErrorLog.None;
    }
}

using System;

namespace EchoNet.Url
{
    /// <summary>
    /// One validation error a parse met, in <see cref="UrlParseResult.ValidationErrors"/> and
    /// <see cref="WhatwgUrl.ValidationErrors"/>. Its string form is the URL Standard's name
    /// ("invalid-URL-unit"), and it equals that name in PowerShell comparisons (<see cref="Parse"/>).
    /// </summary>
    public readonly struct UrlValidationErrorEntry : IEquatable<UrlValidationErrorEntry>
    {
        public UrlValidationErrorEntry(UrlValidationError error)
        {
            Error = error;
        }

        public UrlValidationError Error { get; }

        /// <summary>The URL Standard's name, e.g. "invalid-reverse-solidus".</summary>
        public string Name => UrlValidationErrors.SpecName(Error);

        /// <summary>A sentence that says what the error means, ending with its name.</summary>
        public string Message => UrlValidationErrors.Describe(Error);

        /// <summary>The entry for a Standard name; PowerShell converts strings with it, so <c>-contains 'host-missing'</c> works.</summary>
        public static UrlValidationErrorEntry Parse(string name)
        {
            if (!UrlValidationErrors.TryParseName(name, out UrlValidationError error))
                throw new FormatException("'" + name + "' is not a validation error name of the URL Standard.");
            return new UrlValidationErrorEntry(error);
        }

        public bool Equals(UrlValidationErrorEntry other) => Error == other.Error;

        public override bool Equals(object obj) => obj is UrlValidationErrorEntry other && Equals(other);

        public override int GetHashCode() => (int)Error;

        public override string ToString() => Name;
    }
}

namespace EchoNet.Url
{
    /// <summary>
    /// The URL Standard's validation errors, one value per name in its table, plus
    /// <see cref="BaseUrlInvalid"/> for a base that failed itself. A parse that fails reports the
    /// one that stopped it (<see cref="UrlParseResult.Error"/>); every parse lists all it met on
    /// <see cref="UrlParseResult.ValidationErrors"/>, where most do not change the result.
    /// </summary>
    public enum UrlValidationError
    {
        None = 0,
        MissingSchemeNonRelativeUrl,
        HostMissing,
        PortOutOfRange,
        PortInvalid,
        DomainToAscii,
        DomainInvalidCodePoint,
        HostInvalidCodePoint,
        IPv4TooManyParts,
        IPv4NonNumericPart,
        IPv4OutOfRangePart,
        IPv6Unclosed,
        IPv6InvalidCompression,
        IPv6TooManyPieces,
        IPv6MultipleCompression,
        IPv6InvalidCodePoint,
        IPv6TooFewPieces,
        IPv4InIPv6TooManyPieces,
        IPv4InIPv6InvalidCodePoint,
        IPv4InIPv6OutOfRangePart,
        IPv4InIPv6TooFewParts,
        BaseUrlInvalid,

        // Validation errors that never stop a parse (IPv4-out-of-range-part and domain-to-ASCII
        // above can also be met without failing: see UrlParseResult.ValidationErrors).
        InvalidUrlUnit,
        SpecialSchemeMissingFollowingSolidus,
        InvalidReverseSolidus,
        InvalidCredentials,
        FileInvalidWindowsDriveLetter,
        FileInvalidWindowsDriveLetterHost,
        DomainPercentEncoded,
        IPv4EmptyPart,
        IPv4TooFewParts,
        IPv4NonDecimalPart,
        IPv4NonAsciiInput,
        IPv6PieceLeadingZero,
        /// <summary>Named by the Standard for domain to Unicode; the parser itself never meets it.</summary>
        DomainToUnicode,
    }

    /// <summary>The Standard's name for each error and a sentence a user can act on.</summary>
    public static class UrlValidationErrors
    {
        /// <summary>The name the URL Standard's validation error table uses, e.g. "host-missing".</summary>
        public static string SpecName(UrlValidationError error)
        {
            switch (error)
            {
                case UrlValidationError.None: return string.Empty;
                case UrlValidationError.MissingSchemeNonRelativeUrl: return "missing-scheme-non-relative-URL";
                case UrlValidationError.HostMissing: return "host-missing";
                case UrlValidationError.PortOutOfRange: return "port-out-of-range";
                case UrlValidationError.PortInvalid: return "port-invalid";
                case UrlValidationError.DomainToAscii: return "domain-to-ASCII";
                case UrlValidationError.DomainInvalidCodePoint: return "domain-invalid-code-point";
                case UrlValidationError.HostInvalidCodePoint: return "host-invalid-code-point";
                case UrlValidationError.IPv4TooManyParts: return "IPv4-too-many-parts";
                case UrlValidationError.IPv4NonNumericPart: return "IPv4-non-numeric-part";
                case UrlValidationError.IPv4OutOfRangePart: return "IPv4-out-of-range-part";
                case UrlValidationError.IPv6Unclosed: return "IPv6-unclosed";
                case UrlValidationError.IPv6InvalidCompression: return "IPv6-invalid-compression";
                case UrlValidationError.IPv6TooManyPieces: return "IPv6-too-many-pieces";
                case UrlValidationError.IPv6MultipleCompression: return "IPv6-multiple-compression";
                case UrlValidationError.IPv6InvalidCodePoint: return "IPv6-invalid-code-point";
                case UrlValidationError.IPv6TooFewPieces: return "IPv6-too-few-pieces";
                case UrlValidationError.IPv4InIPv6TooManyPieces: return "IPv4-in-IPv6-too-many-pieces";
                case UrlValidationError.IPv4InIPv6InvalidCodePoint: return "IPv4-in-IPv6-invalid-code-point";
                case UrlValidationError.IPv4InIPv6OutOfRangePart: return "IPv4-in-IPv6-out-of-range-part";
                case UrlValidationError.IPv4InIPv6TooFewParts: return "IPv4-in-IPv6-too-few-parts";
                case UrlValidationError.BaseUrlInvalid: return "base-URL-invalid";
                case UrlValidationError.InvalidUrlUnit: return "invalid-URL-unit";
                case UrlValidationError.SpecialSchemeMissingFollowingSolidus: return "special-scheme-missing-following-solidus";
                case UrlValidationError.InvalidReverseSolidus: return "invalid-reverse-solidus";
                case UrlValidationError.InvalidCredentials: return "invalid-credentials";
                case UrlValidationError.FileInvalidWindowsDriveLetter: return "file-invalid-Windows-drive-letter";
                case UrlValidationError.FileInvalidWindowsDriveLetterHost: return "file-invalid-Windows-drive-letter-host";
                case UrlValidationError.DomainPercentEncoded: return "domain-percent-encoded";
                case UrlValidationError.IPv4EmptyPart: return "IPv4-empty-part";
                case UrlValidationError.IPv4TooFewParts: return "IPv4-too-few-parts";
                case UrlValidationError.IPv4NonDecimalPart: return "IPv4-non-decimal-part";
                case UrlValidationError.IPv4NonAsciiInput: return "IPv4-non-ASCII-input";
                case UrlValidationError.IPv6PieceLeadingZero: return "IPv6-piece-leading-zero";
                case UrlValidationError.DomainToUnicode: return "domain-to-Unicode";
                default: return error.ToString();
            }
        }

        /// <summary>The error whose Standard name is <paramref name="name"/> (case-sensitive, as the Standard spells it).</summary>
        public static bool TryParseName(string name, out UrlValidationError error)
        {
            foreach (UrlValidationError candidate in System.Enum.GetValues(typeof(UrlValidationError)))
            {
                if (candidate != UrlValidationError.None && SpecName(candidate) == name)
                {
                    error = candidate;
                    return true;
                }
            }
            error = UrlValidationError.None;
            return false;
        }

        /// <summary>A one-sentence explanation, ending with the Standard's name in parentheses.</summary>
        public static string Describe(UrlValidationError error)
        {
            string why;
            switch (error)
            {
                case UrlValidationError.None: return string.Empty;
                case UrlValidationError.MissingSchemeNonRelativeUrl: why = "The input has no scheme (such as 'https:') and there is no base URL it could be relative to"; break;
                case UrlValidationError.HostMissing: why = "The URL needs a host, but the host is empty"; break;
                case UrlValidationError.PortOutOfRange: why = "The port is larger than 65535"; break;
                case UrlValidationError.PortInvalid: why = "The port contains something other than digits"; break;
                case UrlValidationError.DomainToAscii: why = "The host is not a valid domain by the strict rules (ASCII letters, digits and hyphens, no hyphen at either end of a label, labels of 1 to 63 characters), or not a valid internationalized domain name"; break;
                case UrlValidationError.DomainInvalidCodePoint: why = "The host contains a character that a domain may not contain"; break;
                case UrlValidationError.HostInvalidCodePoint: why = "The host contains a character that a host may not contain"; break;
                case UrlValidationError.IPv4TooManyParts: why = "The host looks like an IPv4 address but has more than four parts"; break;
                case UrlValidationError.IPv4NonNumericPart: why = "The host ends in a number, so it must be an IPv4 address, but one of its parts is not a number"; break;
                case UrlValidationError.IPv4OutOfRangePart: why = "The host is an IPv4 address with a part that is too large"; break;
                case UrlValidationError.IPv6Unclosed: why = "The IPv6 address has no closing ']'"; break;
                case UrlValidationError.IPv6InvalidCompression: why = "The IPv6 address begins with a single ':'"; break;
                case UrlValidationError.IPv6TooManyPieces: why = "The IPv6 address has more than eight pieces"; break;
                case UrlValidationError.IPv6MultipleCompression: why = "The IPv6 address uses '::' more than once"; break;
                case UrlValidationError.IPv6InvalidCodePoint: why = "The IPv6 address contains a character that is not a hex digit, ':' or '.', or ends in ':'"; break;
                case UrlValidationError.IPv6TooFewPieces: why = "The IPv6 address has fewer than eight pieces and no '::'"; break;
                case UrlValidationError.IPv4InIPv6TooManyPieces: why = "The IPv6 address has an embedded IPv4 address after more than six pieces"; break;
                case UrlValidationError.IPv4InIPv6InvalidCodePoint: why = "The IPv4 address inside the IPv6 address is malformed"; break;
                case UrlValidationError.IPv4InIPv6OutOfRangePart: why = "A part of the IPv4 address inside the IPv6 address is larger than 255"; break;
                case UrlValidationError.IPv4InIPv6TooFewParts: why = "The IPv4 address inside the IPv6 address has fewer than four parts"; break;
                case UrlValidationError.BaseUrlInvalid: why = "The base URL is not a valid URL"; break;
                case UrlValidationError.InvalidUrlUnit: why = "The URL contains a code point that is not allowed unencoded (such as a space, a control, '|' or '^'), a '%' not followed by two hex digits, or tabs, newlines or surrounding spaces that were removed"; break;
                case UrlValidationError.SpecialSchemeMissingFollowingSolidus: why = "The scheme is not followed by exactly '//'"; break;
                case UrlValidationError.InvalidReverseSolidus: why = "The URL uses '\\' where '/' is meant"; break;
                case UrlValidationError.InvalidCredentials: why = "The URL contains a username or password ('@' in the authority)"; break;
                case UrlValidationError.FileInvalidWindowsDriveLetter: why = "A relative file URL starts with a Windows drive letter, so it does not resolve against the base"; break;
                case UrlValidationError.FileInvalidWindowsDriveLetterHost: why = "A file URL's host is a Windows drive letter, read as the start of the path"; break;
                case UrlValidationError.DomainPercentEncoded: why = "The host contains percent-encoded bytes"; break;
                case UrlValidationError.IPv4EmptyPart: why = "The IPv4 address ends with '.'"; break;
                case UrlValidationError.IPv4TooFewParts: why = "The IPv4 address has fewer than four parts"; break;
                case UrlValidationError.IPv4NonDecimalPart: why = "A part of the IPv4 address is hexadecimal (0x) or octal (leading 0)"; break;
                case UrlValidationError.IPv4NonAsciiInput: why = "The IPv4 address was written with non-ASCII characters (such as full-width digits)"; break;
                case UrlValidationError.IPv6PieceLeadingZero: why = "A piece of the IPv6 address has a leading zero"; break;
                case UrlValidationError.DomainToUnicode: why = "The domain is not a valid internationalized domain name"; break;
                default: why = "The URL is not valid"; break;
            }
            return why + " (" + SpecName(error) + ").";
        }
    }
}

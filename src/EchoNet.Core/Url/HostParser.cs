using System.Runtime.CompilerServices;
using System;
using System.Threading;

namespace EchoNet.Url
{
    /// <summary>
    /// The host parser (URL Standard, "host parsing"): IPv6 in brackets, the opaque host of a
    /// non-special URL, or a domain run through domain to ASCII that becomes an IPv4 address
    /// when it ends in a number. The host's serialization is appended to the href being built.
    /// </summary>
    internal static class HostParser
    {
        /// <summary>
        /// Parses <c>input[start..end)</c> and appends the serialized host to <paramref name="output"/>.
        /// On failure nothing meaningful is appended and the error is returned. The validation
        /// errors met on the way are recorded in <paramref name="errors"/>, except the returned one
        /// (which the caller records) and those recorded where they are met: domain-to-ASCII
        /// comes from the strict check before the lenient one can fail, IPv4-out-of-range-part from
        /// the IPv4 parser.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static UrlValidationError Append(UrlBuilder output, string input, int start, int end, bool isOpaque, out UrlHostType type,
            ref ValidationErrorLog errors, CancellationToken cancellationToken)
        {
            type = UrlHostType.None;

            if (end > start && input[start] == '[')
            {
                if (end - start < 2 || input[end - 1] != ']') return UrlValidationError.IPv6Unclosed;
                Span<ushort> address = stackalloc ushort[8];
                var error = IPv6Parser.Parse(input, start + 1, end - 1, address, ref errors);
                if (error != UrlValidationError.None) return error;
                IPv6Parser.Serialize(address, output);
                type = UrlHostType.IPv6;
                return UrlValidationError.None;
            }

            if (isOpaque) return AppendOpaque(output, input, start, end, out type, ref errors);

            // Fast path: plain ASCII without percent signs, forbidden code points or "xn--" labels.
            // Domain to ASCII (not strict) is then only ASCII lowercasing, done while copying, and
            // the strict one the same pass's checks of characters and label lengths.
            int mark = output.Length;
            if (TryAppendPlainAsciiDomain(output, input, start, end, out bool strictlyValid))
            {
                if (!strictlyValid) errors.Add(UrlValidationError.DomainToAscii);
                if (!IPv4Parser.EndsInANumber(input, start, end))
                {
                    type = UrlHostType.Domain;
                    return UrlValidationError.None;
                }
                output.Length = mark;
                var error = IPv4Parser.Parse(input, start, end, out uint ipv4, ref errors);
                if (error != UrlValidationError.None) return error;
                IPv4Parser.Serialize(ipv4, output);
                type = UrlHostType.IPv4;
                return UrlValidationError.None;
            }
            output.Length = mark;

            if (PercentEncoding.ContainsPercentEncodedByte(input, start, end)) errors.Add(UrlValidationError.DomainPercentEncoded);
            string domain = PercentEncoding.DecodeToString(input, start, end, plusIsSpace: false);
            bool valid = Idna.Uts46.TryDomainToAscii(domain, out string asciiDomain, out bool strictDomain, cancellationToken);
            if (!strictDomain) errors.Add(UrlValidationError.DomainToAscii);
            if (!valid) return UrlValidationError.DomainToAscii;
            for (int i = 0; i < asciiDomain.Length; i++)
                if (CodePoints.IsForbiddenDomainCodePoint(asciiDomain[i])) return UrlValidationError.DomainInvalidCodePoint;

            if (IPv4Parser.EndsInANumber(asciiDomain, 0, asciiDomain.Length))
            {
                if (!IsAscii(domain)) errors.Add(UrlValidationError.IPv4NonAsciiInput);
                var error = IPv4Parser.Parse(asciiDomain, 0, asciiDomain.Length, out uint ipv4, ref errors);
                if (error != UrlValidationError.None) return error;
                IPv4Parser.Serialize(ipv4, output);
                type = UrlHostType.IPv4;
                return UrlValidationError.None;
            }
            output.Append(asciiDomain);
            type = UrlHostType.Domain;
            return UrlValidationError.None;
        }

        private static bool IsAscii(string s)
        {
            foreach (char c in s)
                if (c >= 0x80) return false;
            return true;
        }

        /// <summary>
        /// Appends <c>input[start..end)</c> ASCII-lowercased when it is non-empty and has only ASCII
        /// code points that are not '%' nor forbidden in a domain, and no label starting with "xn--";
        /// false (with part of it appended) otherwise. <paramref name="strictlyValid"/>: strict
        /// domain to ASCII would accept it too (only letters, digits, '-' and '.', and every label
        /// passes <see cref="IsStrictLabel"/>), which for such a domain is all that UTS #46 checks.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool TryAppendPlainAsciiDomain(UrlBuilder output, string input, int start, int end, out bool strictlyValid)
        {
            strictlyValid = end - start <= 253;
            if (start == end) return false;
            // Written past the builder's length and only taken in (Length moved) on success.
            char[] chars = output.Reserve(end - start);
            int at = output.Length - start;
            int labelStart = start;
            for (int i = start; i < end; i++)
            {
                char c = input[i];
                if (c >= 0x80) return false;
                var kind = CodePoints.DomainClassOf(c);
                if (kind != CodePoints.DomainClass.Plain)
                {
                    if (kind == CodePoints.DomainClass.Upper)
                    {
                        c = (char)(c | 0x20);
                    }
                    else if (kind == CodePoints.DomainClass.Dot)
                    {
                        if (StartsWithAcePrefix(input, labelStart, i)) return false;
                        if (!IsStrictLabel(input, labelStart, i)) strictlyValid = false;
                        labelStart = i + 1;
                    }
                    else if (kind == CodePoints.DomainClass.NotStd3)
                    {
                        strictlyValid = false;
                    }
                    else
                    {
                        return false;
                    }
                }
                chars[at + i] = c;
            }
            if (StartsWithAcePrefix(input, labelStart, end)) return false;
            if (!IsStrictLabel(input, labelStart, end)) strictlyValid = false;
            output.Length += end - start;
            return true;
        }

        /// <summary>
        /// UTS #46 CheckHyphens and VerifyDnsLength for one ASCII label: 1 to 63 characters, no '-'
        /// at either end, not '-' in both the third and fourth positions. (An empty last label, a
        /// trailing dot, fails too, as it does in the reference implementation.)
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        private static bool IsStrictLabel(string s, int start, int end)
        {
            int length = end - start;
            return length >= 1 && length <= 63 && s[start] != '-' && s[end - 1] != '-'
                && !(length >= 4 && s[start + 2] == '-' && s[start + 3] == '-');
        }

        /// <summary>The label <c>s[start..end)</c> starts with "xn--" (ASCII case-insensitive).</summary>
        [MethodImpl(Tiering.Inline)]
        private static bool StartsWithAcePrefix(string s, int start, int end) =>
            end - start >= 4 && (s[start] | 0x20) == 'x' && (s[start + 1] | 0x20) == 'n' && s[start + 2] == '-' && s[start + 3] == '-';

        /// <summary>
        /// The opaque-host parser: no forbidden host code points, the rest C0-control percent-encoded.
        /// Unlike a path, the host is checked as a whole: one invalid-URL-unit for any code point that
        /// is not a URL code point, one for any '%' not followed by two hex digits.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static UrlValidationError AppendOpaque(UrlBuilder output, string input, int start, int end, out UrlHostType type,
            ref ValidationErrorLog errors)
        {
            type = UrlHostType.None;
            if (!UrlUnits.ValidateOpaqueHost(input, start, end, out bool invalidCodePoint, out bool invalidPercent))
                return UrlValidationError.HostInvalidCodePoint;
            if (invalidCodePoint) errors.Add(UrlValidationError.InvalidUrlUnit);
            if (invalidPercent) errors.Add(UrlValidationError.InvalidUrlUnit);
            PercentEncoding.AppendEncoded(output, input, start, end, PercentEncodeSet.C0Control);
            type = start == end ? UrlHostType.Empty : UrlHostType.Opaque;
            return UrlValidationError.None;
        }
    }
}

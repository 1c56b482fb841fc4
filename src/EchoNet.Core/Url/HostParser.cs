namespace EchoNet.Url
{
    /// <summary>
    /// The host parser (URL Standard, "host parsing"): IPv6 in brackets, the opaque host of a
    /// non-special URL, or a domain run through domain to ASCII that becomes an IPv4 address
    /// when it ends in a number. Hosts are kept as their serialization plus their type.
    /// </summary>
    internal static class HostParser
    {
        public static UrlValidationError Parse(string input, bool isOpaque, out string host, out UrlHostType type)
        {
            host = null;
            type = UrlHostType.None;

            if (input.Length > 0 && input[0] == '[')
            {
                if (input.Length < 2 || input[input.Length - 1] != ']') return UrlValidationError.IPv6Unclosed;
                var address = new ushort[8];
                var error = IPv6Parser.Parse(input, 1, input.Length - 1, address);
                if (error != UrlValidationError.None) return error;
                host = IPv6Parser.Serialize(address);
                type = UrlHostType.IPv6;
                return UrlValidationError.None;
            }

            if (isOpaque) return ParseOpaque(input, out host, out type);

            string domain = PercentEncoding.DecodeToString(input);
            if (!Idna.Idna.TryDomainToAscii(domain, false, out string asciiDomain)) return UrlValidationError.DomainToAscii;
            for (int i = 0; i < asciiDomain.Length; i++)
                if (CodePoints.IsForbiddenDomainCodePoint(asciiDomain[i])) return UrlValidationError.DomainInvalidCodePoint;

            if (IPv4Parser.EndsInANumber(asciiDomain))
            {
                var error = IPv4Parser.Parse(asciiDomain, out uint ipv4);
                if (error != UrlValidationError.None) return error;
                host = IPv4Parser.Serialize(ipv4);
                type = UrlHostType.IPv4;
                return UrlValidationError.None;
            }
            host = asciiDomain;
            type = UrlHostType.Domain;
            return UrlValidationError.None;
        }

        /// <summary>The opaque-host parser: no forbidden host code points, the rest C0-control percent-encoded.</summary>
        private static UrlValidationError ParseOpaque(string input, out string host, out UrlHostType type)
        {
            host = null;
            type = UrlHostType.None;
            for (int i = 0; i < input.Length; i++)
                if (CodePoints.IsForbiddenHostCodePoint(input[i])) return UrlValidationError.HostInvalidCodePoint;
            host = PercentEncoding.Encode(input, PercentEncodeSet.C0Control);
            type = host.Length == 0 ? UrlHostType.Empty : UrlHostType.Opaque;
            return UrlValidationError.None;
        }
    }
}

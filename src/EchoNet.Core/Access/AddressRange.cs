using System.Globalization;
using System.Net.Sockets;
using System.Net;
using EchoNet.Addressing;

namespace EchoNet.Access
{
    /// <summary>
    /// An address or CIDR range (192.168.0.0/16, fd00::/8, ::1), IPv4 or IPv6. IPv4 clients, also
    /// those a dual-stack listener sees as ::ffff:a.b.c.d, are matched by IPv4 ranges and by ranges
    /// inside ::ffff:0:0/96 (which are IPv4 ranges written in IPv6).
    /// </summary>
    public sealed class AddressRange
    {
        private const int MappedPrefix = 96;

        private readonly byte[] _network;
        private readonly int _prefixLength;

        private AddressRange(IPAddress network, int prefixLength, string text)
        {
            _network = network.GetAddressBytes();
            _prefixLength = prefixLength;
            Family = network.AddressFamily;
            Text = text;
        }

        /// <summary>The family of the clients it matches (IPv4 for ranges inside ::ffff:0:0/96).</summary>
        public AddressFamily Family { get; }

        /// <summary>The canonical text: the address as the system writes it, and the prefix if one was given.</summary>
        public string Text { get; }

        /// <summary>
        /// Parses an address or range strictly (no octal or short IPv4, no signs or leading zeros in
        /// the prefix); null with a reason when it is neither.
        /// </summary>
        public static AddressRange Parse(string text, out string problem)
        {
            var trimmed = (text ?? string.Empty).Trim();
            int slash = trimmed.IndexOf('/');
            var address = AddressLiteral.Parse(slash < 0 ? trimmed : trimmed.Substring(0, slash), false, out problem);
            if (address == null)
            {
                if (slash >= 0) problem = $"In '{trimmed}': {problem}";
                return null;
            }
            int maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            int prefix = maxPrefix;
            if (slash >= 0 && !TryParsePrefix(trimmed.Substring(slash + 1), maxPrefix, out prefix))
            {
                problem = $"'{text}' has the prefix length '{trimmed.Substring(slash + 1)}'; write a decimal number 0-{maxPrefix} without a sign or leading zeros.";
                return null;
            }
            var canonical = address.ToString() + (slash < 0 ? "" : "/" + prefix.ToString(CultureInfo.InvariantCulture));
            if (address.IsIPv4MappedToIPv6 && prefix >= MappedPrefix)
                return new AddressRange(address.MapToIPv4(), prefix - MappedPrefix, canonical);
            return new AddressRange(address, prefix, canonical);
        }

        /// <summary>Digits only: "0", or no leading zero, at most <paramref name="max"/>.</summary>
        private static bool TryParsePrefix(string text, int max, out int prefix)
        {
            prefix = 0;
            if (text.Length == 0 || text.Length > 3 || (text.Length > 1 && text[0] == '0')) return false;
            foreach (char c in text)
            {
                if (c < '0' || c > '9') return false;
                prefix = prefix * 10 + (c - '0');
            }
            return prefix <= max;
        }

        public bool Contains(IPAddress address)
        {
            address = Normalize(address);
            if (address.AddressFamily != Family) return false;
            var bytes = address.GetAddressBytes();
            int whole = _prefixLength / 8, rest = _prefixLength % 8;
            for (int i = 0; i < whole; i++)
                if (bytes[i] != _network[i]) return false;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[whole] & mask) == (_network[whole] & mask);
        }

        /// <summary>An IPv4 client on a dual-mode socket shows as ::ffff:a.b.c.d; match it as IPv4.</summary>
        private static IPAddress Normalize(IPAddress address)
        {
            return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }

        public override string ToString() => Text;
    }
}

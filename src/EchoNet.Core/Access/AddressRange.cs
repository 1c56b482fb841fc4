using System.Net.Sockets;
using System.Net;
using EchoNet.Addressing;

namespace EchoNet.Access
{
    /// <summary>An address or CIDR range (192.168.0.0/16, fd00::/8, ::1), IPv4 or IPv6.</summary>
    public sealed class AddressRange
    {
        private readonly byte[] _network;
        private readonly int _prefixLength;

        private AddressRange(IPAddress network, int prefixLength, string text)
        {
            _network = network.GetAddressBytes();
            _prefixLength = prefixLength;
            Family = network.AddressFamily;
            Text = text;
        }

        public AddressFamily Family { get; }
        public string Text { get; }

        /// <summary>Parses an address or range; null with a reason when it is neither.</summary>
        public static AddressRange Parse(string text, out string problem)
        {
            problem = null;
            var trimmed = (text ?? string.Empty).Trim();
            int slash = trimmed.IndexOf('/');
            var addressText = slash < 0 ? trimmed : trimmed.Substring(0, slash);
            var address = HostResolver.ParseLiteral(addressText);
            if (address == null)
            {
                problem = $"'{text}' is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8).";
                return null;
            }
            address = Normalize(address);
            int maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            int prefix = maxPrefix;
            if (slash >= 0 && (!int.TryParse(trimmed.Substring(slash + 1), out prefix) || prefix < 0 || prefix > maxPrefix))
            {
                problem = $"'{text}' has a prefix length outside 0-{maxPrefix}.";
                return null;
            }
            return new AddressRange(address, prefix, trimmed);
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

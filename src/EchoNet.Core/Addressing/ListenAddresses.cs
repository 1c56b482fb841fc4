using System;
using System.Net;

namespace EchoNet.Addressing
{
    /// <summary>Reads the addresses a server may listen on: literals, "localhost", and "*" for any.</summary>
    public static class ListenAddresses
    {
        /// <summary>The address for <paramref name="text"/>, or null when it is not a local address form.</summary>
        public static IPAddress Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var trimmed = text.Trim();
            if (trimmed == "*" || string.Equals(trimmed, "any", StringComparison.OrdinalIgnoreCase)) return IPAddress.IPv6Any;
            if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
            return HostResolver.ParseLiteral(trimmed);
        }

        /// <summary>True for 0.0.0.0 and ::, which expose the server to every network the machine is on.</summary>
        public static bool IsAny(IPAddress address)
        {
            return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        }
    }
}

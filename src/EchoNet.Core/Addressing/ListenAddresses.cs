using System.Collections.Generic;
using System.Net.Sockets;
using System.Net;
using System;

namespace EchoNet.Addressing
{
    /// <summary>Reads the addresses a server may listen on: literals, "localhost", and "*" for any.</summary>
    public static class ListenAddresses
    {
        /// <summary>
        /// The address for <paramref name="text"/> (strict literals, IPv6 zones allowed), or null with
        /// the reason when it is not a local address form.
        /// </summary>
        public static IPAddress Parse(string text, out string problem)
        {
            problem = null;
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed == "*" || string.Equals(trimmed, "any", StringComparison.OrdinalIgnoreCase)) return IPAddress.IPv6Any;
            if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
            return AddressLiteral.Parse(trimmed, true, out problem);
        }

        /// <summary>
        /// True for 0.0.0.0 and :: (with or without a %zone), which expose the server to every network
        /// the machine is on.
        /// </summary>
        public static bool IsAny(IPAddress address)
        {
            foreach (var b in address.GetAddressBytes())
                if (b != 0) return false;
            return true;
        }

        /// <summary>
        /// The first pair of addresses that cannot both be listened on at one port: the same address
        /// twice, or an address that an any-address in the list already covers (:: without a zone
        /// serves IPv4 too), as indexes into <paramref name="addresses"/>. False when every address can
        /// have its own listener.
        /// </summary>
        public static bool TryFindOverlap(IReadOnlyList<IPAddress> addresses, out int first, out int second)
        {
            for (first = 0; first < addresses.Count; first++)
                for (second = first + 1; second < addresses.Count; second++)
                    if (Covers(addresses[first], addresses[second]) || Covers(addresses[second], addresses[first]))
                        return true;
            first = second = -1;
            return false;
        }

        private static bool Covers(IPAddress wide, IPAddress other)
        {
            if (wide.Equals(other)) return true;
            if (!IsAny(wide)) return false;
            if (wide.AddressFamily == other.AddressFamily) return true;
            // The IPv6 any-address is bound dual-mode (see Sockets.Bind), so it takes IPv4 as well.
            return wide.Equals(IPAddress.IPv6Any) && other.AddressFamily == AddressFamily.InterNetwork;
        }
    }
}

using System.Collections.Generic;
using System.Net;

namespace EchoNet.Access
{
    /// <summary>
    /// At most so many TCP connections from one client address at once (-MaxConnectionsPerClient),
    /// so that one host holding silent connections cannot lock every other client out. IPv4 clients
    /// on a dual-stack listener count under their IPv4 address.
    /// </summary>
    public sealed class ClientConnectionLimit
    {
        /// <summary>Well below the default -MaxConnections (1000): one host gets a quarter at most.</summary>
        public const int DefaultMaxPerClient = 256;

        private readonly Dictionary<IPAddress, int> _open = new Dictionary<IPAddress, int>();

        public ClientConnectionLimit(int maxPerClient)
        {
            MaxPerClient = maxPerClient;
        }

        public int MaxPerClient { get; }

        /// <summary>Counts one more connection from <paramref name="client"/>; false (nothing counted) at the limit.</summary>
        public bool TryAcquire(IPAddress client)
        {
            client = Normalize(client);
            lock (_open)
            {
                _open.TryGetValue(client, out int open);
                if (open >= MaxPerClient) return false;
                _open[client] = open + 1;
                return true;
            }
        }

        /// <summary>One connection from <paramref name="client"/> ended.</summary>
        public void Release(IPAddress client)
        {
            client = Normalize(client);
            lock (_open)
            {
                if (!_open.TryGetValue(client, out int open)) return;
                if (open <= 1) _open.Remove(client);
                else _open[client] = open - 1;
            }
        }

        /// <summary>Whether two addresses are one client as this limit counts them (an IPv4-mapped address is its IPv4 one).</summary>
        public static bool SameClient(IPAddress a, IPAddress b) => Normalize(a).Equals(Normalize(b));

        private static IPAddress Normalize(IPAddress address) =>
            address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}

using System.Collections.Generic;
using System.Net;
using System.Threading;

namespace EchoNet.Access
{
    /// <summary>
    /// The UDP endpoints every EchoNet server of this process is bound to. A datagram whose source
    /// is one of them is a spoofed one (or one server answering another): answering it would set two
    /// servers of this process echoing each other forever, so <see cref="DatagramGuard"/> refuses it.
    /// Which ports are in use is an array read, so the per-datagram check costs no lock.
    /// </summary>
    public static class LocalDatagramEndPoints
    {
        private static readonly object Gate = new object();
        private static readonly int[] UsersOfPort = new int[65536];
        private static readonly List<IPEndPoint> EndPoints = new List<IPEndPoint>();

        /// <summary>A server bound these endpoints.</summary>
        public static void Add(IEnumerable<IPEndPoint> endPoints)
        {
            lock (Gate)
            {
                foreach (var endPoint in endPoints)
                {
                    EndPoints.Add(endPoint);
                    Interlocked.Increment(ref UsersOfPort[endPoint.Port]);
                }
            }
        }

        /// <summary>A server closed these endpoints.</summary>
        public static void Remove(IEnumerable<IPEndPoint> endPoints)
        {
            lock (Gate)
            {
                foreach (var endPoint in endPoints)
                {
                    if (EndPoints.Remove(endPoint)) Interlocked.Decrement(ref UsersOfPort[endPoint.Port]);
                }
            }
        }

        /// <summary>Whether some EchoNet UDP endpoint of this process has this port (no lock: the hot path's first look).</summary>
        public static bool HasPort(int port) => (uint)port < (uint)UsersOfPort.Length && Volatile.Read(ref UsersOfPort[port]) > 0;

        /// <summary>
        /// Whether <paramref name="source"/> is an EchoNet UDP endpoint of this process: its port is
        /// one of theirs and its address is that endpoint's, or loopback, or any address when the
        /// endpoint is bound to all of them (0.0.0.0, ::).
        /// </summary>
        public static bool Contains(IPEndPoint source)
        {
            if (!HasPort(source.Port)) return false;
            var address = Normalize(source.Address);
            bool loopback = IPAddress.IsLoopback(address);
            lock (Gate)
            {
                foreach (var endPoint in EndPoints)
                {
                    if (endPoint.Port != source.Port) continue;
                    var bound = Normalize(endPoint.Address);
                    // Port spaces are per family: 127.0.0.1:X and [::1]:X can be two sockets ("::" also takes IPv4).
                    if (bound.AddressFamily != address.AddressFamily && !bound.Equals(IPAddress.IPv6Any)) continue;
                    if (loopback || Addressing.ListenAddresses.IsAny(bound) || bound.Equals(address)) return true;
                }
            }
            return false;
        }

        internal static IPAddress Normalize(IPAddress address) =>
            address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}

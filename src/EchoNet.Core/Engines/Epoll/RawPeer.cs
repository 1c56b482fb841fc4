using System.Net;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// The peer of the last accept4 or recvfrom, as the sockaddr bytes the kernel wrote. One per
    /// acceptor or UDP socket, reused on its loop thread: the endpoint object is built only when
    /// someone asks (a filter, an event, a recording), never on the plain echo path.
    /// </summary>
    internal sealed class RawPeer : IRemotePeer
    {
        private EndPoint _decoded;

        public byte[] Address { get; } = new byte[EpollNative.SocketAddressSize];

        /// <summary>The sockaddr's length as the kernel reported it.</summary>
        public int Length;

        public EndPoint RemoteEndPoint => _decoded ?? (_decoded = EpollNative.DecodeAddress(Address));

        /// <summary>sin_port / sin6_port: the same place, network byte order, in both families.</summary>
        public int RemotePort => (Address[2] << 8) | Address[3];

        /// <summary>The IPv4 address as a number, or the IPv6 one folded into one (sin6_addr: bytes 8 to 23).</summary>
        public long AddressKey
        {
            get
            {
                long packed = PackedIPv4;
                if (packed >= 0) return packed & 0xFFFFFFFF;
                return System.BitConverter.ToInt64(Address, 8) ^ (System.BitConverter.ToInt64(Address, 16) * 31);
            }
        }

        /// <summary>An IPv4 peer packed into a long (see <see cref="EpollNative.PackIPv4"/>), else -1.</summary>
        public long PackedIPv4 => EpollNative.PackIPv4(Address);

        /// <summary>Before the kernel writes the next peer: forget the last one.</summary>
        public void Reset()
        {
            _decoded = null;
            Length = Address.Length;
        }
    }
}

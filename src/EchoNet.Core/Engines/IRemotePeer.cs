using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// The client an engine is serving right now. The endpoint is built only when asked for
    /// (a filter, an event, a recording), so the epoll engine's hot path builds none.
    /// </summary>
    internal interface IRemotePeer
    {
        EndPoint RemoteEndPoint { get; }

        /// <summary>The peer's port, read without building the endpoint; -1 when unknown.</summary>
        int RemotePort { get; }

        /// <summary>A number standing for the peer's address (equal addresses, equal keys), read without building the endpoint.</summary>
        long AddressKey { get; }
    }

    internal static class RemotePeers
    {
        /// <summary>The <see cref="IRemotePeer.AddressKey"/> of a peer whose endpoint is built.</summary>
        public static long AddressKeyOf(EndPoint remote) => (remote as IPEndPoint)?.Address.GetHashCode() ?? 0;
    }

    /// <summary>A peer whose endpoint is already known (the portable engine's sockets).</summary>
    internal sealed class KnownPeer : IRemotePeer
    {
        public KnownPeer(EndPoint remote) => RemoteEndPoint = remote;

        public EndPoint RemoteEndPoint { get; }

        public int RemotePort => (RemoteEndPoint as IPEndPoint)?.Port ?? -1;

        public long AddressKey => RemotePeers.AddressKeyOf(RemoteEndPoint);
    }
}

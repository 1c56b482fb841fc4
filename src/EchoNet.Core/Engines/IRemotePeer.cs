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
    }

    /// <summary>A peer whose endpoint is already known (the portable engine's sockets).</summary>
    internal sealed class KnownPeer : IRemotePeer
    {
        public KnownPeer(EndPoint remote) => RemoteEndPoint = remote;

        public EndPoint RemoteEndPoint { get; }

        public int RemotePort => (RemoteEndPoint as IPEndPoint)?.Port ?? -1;
    }
}

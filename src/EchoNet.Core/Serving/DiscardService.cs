using System;
using EchoNet.Engines;

namespace EchoNet.Serving
{
    /// <summary>RFC 863 discard: everything is read (and seen by -Record and -Wait), nothing goes back.</summary>
    internal sealed class DiscardService : ServerService
    {
        public static readonly DiscardService Instance = new DiscardService();

        private static readonly DiscardSession Session = new DiscardSession();

        private DiscardService() { }

        public override StreamSession OpenStream(IConnectionOutput connection) => Session;

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output) => default;

        private sealed class DiscardSession : StreamSession
        {
            public override ArraySegment<byte> Received(byte[] buffer, int count) => default;
        }
    }
}

using System;
using EchoNet.Engines;

namespace EchoNet.Serving
{
    /// <summary>RFC 862 echo: every byte goes back unchanged, straight from the engine's buffer.</summary>
    internal sealed class EchoService : ServerService
    {
        public static readonly EchoService Instance = new EchoService();

        private static readonly EchoSession Session = new EchoSession();

        private EchoService() { }

        public override StreamSession OpenStream(IConnectionOutput connection) => Session;

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output) =>
            new ArraySegment<byte>(buffer, 0, count);

        /// <summary>Keeps no state, so every connection shares one.</summary>
        private sealed class EchoSession : StreamSession
        {
            public override ArraySegment<byte> Received(byte[] buffer, int count) => new ArraySegment<byte>(buffer, 0, count);
        }
    }
}

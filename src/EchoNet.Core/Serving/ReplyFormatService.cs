using System;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>-ReplyFormat: each chunk (or line) is answered with the format filled with its text.</summary>
    internal sealed class ReplyFormatService : ServerService
    {
        private readonly ReplyFormat _format;

        public ReplyFormatService(ReplyFormat format) => _format = format;

        public override StreamSession OpenStream(IRemotePeer peer) => new ReplySession(_format.CreateResponder());

        // Each datagram stands alone: a fresh responder, so no text carries over between peers.
        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer) =>
            new ArraySegment<byte>(_format.CreateResponder().Respond(buffer, count));

        /// <summary>A connection's responder keeps split characters and a partial line between chunks.</summary>
        private sealed class ReplySession : StreamSession
        {
            private readonly ReplyFormat.Responder _responder;

            public ReplySession(ReplyFormat.Responder responder) => _responder = responder;

            public override ArraySegment<byte> Received(byte[] buffer, int count) => new ArraySegment<byte>(_responder.Respond(buffer, count));
        }
    }
}

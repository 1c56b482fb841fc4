using System;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>-ReplyFormat: each chunk (or line) is answered with the format filled with its text.</summary>
    internal sealed class ReplyFormatService : ServerService
    {
        private readonly ReplyFormat _format;
        private readonly ServerCounters _counters;
        private readonly IServerEvents _events;

        public ReplyFormatService(ReplyFormat format, ServerCounters counters, IServerEvents events)
        {
            _format = format;
            _counters = counters;
            _events = events;
        }

        public override StreamSession OpenStream(IConnectionOutput connection) => new ReplySession(this, _format.CreateResponder(), connection);

        // Each datagram stands alone: no text carries over between datagrams (or peers).
        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output) =>
            new ArraySegment<byte>(_format.RespondToDatagram(buffer, count));

        private void LineTooLong(IRemotePeer peer)
        {
            _counters.LineTooLong();
            if (_events.IsWatched)
                _events.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, peer.RemoteEndPoint, 0,
                    $"A line longer than {_format.MaxLineLength} characters (-MaxLineLength): connection closed.");
        }

        /// <summary>A connection's responder keeps split characters and a partial line between chunks.</summary>
        private sealed class ReplySession : StreamSession
        {
            private readonly ReplyFormatService _service;
            private readonly ReplyFormat.Responder _responder;
            private readonly IRemotePeer _peer;

            public ReplySession(ReplyFormatService service, ReplyFormat.Responder responder, IRemotePeer peer)
            {
                _service = service;
                _responder = responder;
                _peer = peer;
            }

            public override ArraySegment<byte> Received(byte[] buffer, int count)
            {
                var reply = _responder.Respond(buffer, count);
                if (_responder.LineTooLong && !Ended)
                {
                    Ended = true;
                    _service.LineTooLong(_peer);
                }
                return new ArraySegment<byte>(reply);
            }
        }
    }
}

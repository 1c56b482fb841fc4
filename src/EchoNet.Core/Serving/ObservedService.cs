using System;
using EchoNet.Engines;

namespace EchoNet.Serving
{
    /// <summary>
    /// Wraps a server's service so that, while someone watches (-Wait, an Activity handler) or the
    /// server records, every TCP chunk becomes a Received event and every datagram a Datagram
    /// event, before the reply goes out. Unwatched, it costs one check per chunk.
    /// </summary>
    internal sealed class ObservedService : ServerService, IDisposable
    {
        private readonly ServerService _inner;
        private readonly IServerEvents _events;

        public ObservedService(ServerService inner, IServerEvents events)
        {
            _inner = inner;
            _events = events;
        }

        public override StreamSession OpenStream(IConnectionOutput connection) =>
            new ObservedSession(_inner.OpenStream(connection), _events, connection.Id, connection);

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output)
        {
            if (_events.IsWatched)
                _events.RaiseData(EchoServerEventKind.Datagram, EchoProtocol.Udp, peer.RemoteEndPoint, 0, buffer, count);
            return _inner.Datagram(buffer, count, peer, output);
        }

        /// <summary>A relay's sockets go with the server.</summary>
        public void Dispose() => (_inner as IDisposable)?.Dispose();

        private sealed class ObservedSession : StreamSession
        {
            private readonly StreamSession _inner;
            private readonly IServerEvents _events;
            private readonly long _connectionId;
            private readonly IRemotePeer _peer;

            public ObservedSession(StreamSession inner, IServerEvents events, long connectionId, IRemotePeer peer)
            {
                _inner = inner;
                _events = events;
                _connectionId = connectionId;
                _peer = peer;
            }

            public override ArraySegment<byte> Received(byte[] buffer, int count)
            {
                if (_events.IsWatched)
                    _events.RaiseData(EchoServerEventKind.Received, EchoProtocol.Tcp, _peer.RemoteEndPoint, _connectionId, buffer, count);
                var reply = _inner.Received(buffer, count);
                if (_inner.Ended) Ended = true;   // the engine reads Ended on the session it holds
                return reply;
            }

            public override bool HoldsInput => _inner.HoldsInput;

            public override void Closed() => _inner.Closed();

            public override bool InputEnded() => _inner.InputEnded();

            public override void OutputReady() => _inner.OutputReady();
        }
    }
}

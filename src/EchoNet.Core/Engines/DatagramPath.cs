using EchoNet.Access;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one UDP path, shared by every engine: the allow/deny lists, the service's reply, the
    /// counters and the Datagram/Error events. The engine only receives and sends.
    /// </summary>
    internal sealed class DatagramPath
    {
        private readonly ClientFilter _filter;
        private readonly ServerCounters _counters;
        private readonly ServerService _service;
        private readonly IServerEvents _events;

        public DatagramPath(ClientFilter filter, ServerCounters counters, ServerService service, IServerEvents events)
        {
            _filter = filter ?? new ClientFilter(null, null);
            _counters = counters;
            _service = service;
            _events = events;
        }

        /// <summary>
        /// What to send back for a datagram: a segment (possibly of <paramref name="buffer"/>
        /// itself), or one with a null array when nothing goes back (a denied sender).
        /// </summary>
        public System.ArraySegment<byte> Received(byte[] buffer, int count, IRemotePeer peer)
        {
            if (!_filter.IsOpen && !_filter.Admits(peer.RemoteEndPoint))
            {
                _counters.Denied();
                return default;
            }
            return _service.Datagram(buffer, count, peer);
        }

        public void Replied(int count, IRemotePeer peer)
        {
            _counters.DatagramEchoed(count);
            if (_events.IsWatched)
                _events.Raise(EchoServerEventKind.Datagram, EchoProtocol.Udp, peer.RemoteEndPoint, count, null);
        }

        public void ReplyFailed(int count, IRemotePeer peer, string reason)
        {
            if (_events.IsWatched)
                _events.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, peer.RemoteEndPoint, count, "Reply failed: " + reason);
        }
    }
}

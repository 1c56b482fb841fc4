using System.Collections.Generic;
using System.Net;
using EchoNet.Access;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one UDP path, shared by every engine: the allow/deny lists, the loop guard and rate
    /// limit, the service (which also raises the Datagram event), the counters and the
    /// Dropped/Error events. The engine only receives and sends.
    /// </summary>
    internal sealed class DatagramPath
    {
        private readonly ClientFilter _filter;
        private readonly ServerCounters _counters;
        private readonly ServerService _service;
        private readonly IServerEvents _events;
        private readonly int _rateLimit;
        private DatagramGuard _guard;

        public DatagramPath(ClientFilter filter, int rateLimit, ServerCounters counters, ServerService service, IServerEvents events)
        {
            _filter = filter ?? new ClientFilter(null, null);
            _rateLimit = rateLimit;
            _guard = new DatagramGuard(new IPEndPoint[0], rateLimit);
            _counters = counters;
            _service = service;
            _events = events;
        }

        /// <summary>
        /// What to send back for a datagram: a segment (possibly of <paramref name="buffer"/>
        /// itself), or one with a null array when nothing goes back (a denied sender).
        /// </summary>
        public System.ArraySegment<byte> Received(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output)
        {
            if (!_filter.IsOpen && !_filter.Admits(peer.RemoteEndPoint))
            {
                _counters.Denied();
                return default;
            }
            // The endpoint is built only when the port or a rate limit calls for a closer look.
            int port = peer.RemotePort;
            if (_rateLimit > 0 || port == _guard.Port || DatagramGuard.IsEchoServicePort(port))
            {
                var verdict = peer.RemoteEndPoint is IPEndPoint source ? _guard.Check(source) : DatagramVerdict.Answer;
                if (verdict != DatagramVerdict.Answer)
                {
                    _counters.DatagramDropped();
                    if (_events.IsWatched)
                        _events.Raise(EchoServerEventKind.Dropped, EchoProtocol.Udp, peer.RemoteEndPoint, count, DropReason(verdict));
                    return default;
                }
            }
            return _service.Datagram(buffer, count, peer, output);
        }

        /// <summary>The server's UDP endpoints, once bound (before any datagram is received).</summary>
        public void Bound(IEnumerable<IPEndPoint> endPoints) => _guard = new DatagramGuard(endPoints, _rateLimit);

        private static string DropReason(DatagramVerdict verdict)
        {
            switch (verdict)
            {
                case DatagramVerdict.EchoServicePort: return "From the port of an echo-type service (7, 13, 17, 19, 37): not answered, to prevent a loop.";
                case DatagramVerdict.OwnEndPoint: return "From this server's own endpoint (spoofed): not answered, to prevent a loop.";
                default: return "Over -DatagramRateLimit for this source.";
            }
        }

        public void Replied(int count) => _counters.DatagramEchoed(count);

        public void ReplyFailed(int count, IRemotePeer peer, string reason)
        {
            if (_events.IsWatched)
                _events.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, peer.RemoteEndPoint, count, "Reply failed: " + reason);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Net;
using EchoNet.Access;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one UDP path, shared by every engine: the allow/deny lists, the loop guard and rate
    /// limit, the ping-pong detector, the service (which also raises the Datagram event), the
    /// counters and the Dropped/Error events. The engine only receives and sends.
    /// </summary>
    internal sealed class DatagramPath
    {
        private readonly ClientFilter _filter;
        private readonly ServerCounters _counters;
        private readonly ServerService _service;
        private readonly IServerEvents _events;
        private readonly int _rateLimit;
        private DatagramGuard _guard;
        private readonly PingPongDetector _pingPong = new PingPongDetector();
        private IPEndPoint[] _bound = new IPEndPoint[0];

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
            if (_rateLimit > 0 || LocalDatagramEndPoints.HasPort(port) || DatagramGuard.IsEchoServicePort(port))
            {
                var verdict = peer.RemoteEndPoint is IPEndPoint source ? _guard.Check(source) : DatagramVerdict.Answer;
                if (verdict != DatagramVerdict.Answer) return Drop(verdict, count, peer);
            }
            if (_pingPong.IsPingPong(peer.AddressKey, port, buffer, count)) return Drop(DatagramVerdict.PingPong, count, peer);
            return _service.Datagram(buffer, count, peer, output);
        }

        private System.ArraySegment<byte> Drop(DatagramVerdict verdict, int count, IRemotePeer peer)
        {
            _counters.DatagramDropped();
            if (_events.IsWatched)
                _events.Raise(EchoServerEventKind.Dropped, EchoProtocol.Udp, peer.RemoteEndPoint, count, DropReason(verdict));
            return default;
        }

        /// <summary>The server's UDP endpoints, once bound (before any datagram is received); from now on no EchoNet server answers them.</summary>
        public void Bound(IEnumerable<IPEndPoint> endPoints)
        {
            _bound = endPoints.ToArray();
            _guard = new DatagramGuard(_bound, _rateLimit);
            LocalDatagramEndPoints.Add(_bound);
        }

        /// <summary>The server's UDP sockets are closed: its endpoints are no longer EchoNet's.</summary>
        public void Closed() => LocalDatagramEndPoints.Remove(_bound);

        private static string DropReason(DatagramVerdict verdict)
        {
            switch (verdict)
            {
                case DatagramVerdict.EchoServicePort: return "From the port of an echo-type service (7, 13, 17, 19, 37): not answered, to prevent a loop.";
                case DatagramVerdict.OwnEndPoint: return "From this server's own endpoint (spoofed): not answered, to prevent a loop.";
                case DatagramVerdict.LocalServer: return "From another EchoNet UDP server of this process (spoofed, or one server answering another): not answered, to prevent a loop.";
                case DatagramVerdict.PingPong: return $"The same payload sent back again and again at line rate: a loop with another echo service; this source gets no answer while it is suspected (a loop then falls silent; a source that keeps sending is answered again after {PingPongDetector.MostSuspectDrops}).";
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

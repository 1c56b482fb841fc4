using System.Net;
using EchoNet.Access;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one TCP admission path, shared by every engine: allow/deny lists first, then the
    /// connection limit, with the counters and the Denied/Refused events each decision implies.
    /// The engine closes a client this refuses.
    /// </summary>
    internal sealed class TcpAdmission
    {
        private const string DeniedMessage = "Not allowed by -AllowedClient/-DeniedClient.";

        private readonly ClientFilter _filter;
        private readonly int _maxConnections;
        private readonly ServerCounters _counters;
        private readonly IServerEvents _events;
        private readonly ClientConnectionLimit _perClient;

        public TcpAdmission(ClientFilter filter, int maxConnections, int maxPerClient, ServerCounters counters, IServerEvents events)
        {
            _filter = filter ?? new ClientFilter(null, null);
            _maxConnections = maxConnections;
            _perClient = new ClientConnectionLimit(maxPerClient);
            _counters = counters;
            _events = events;
        }

        /// <summary>
        /// True when <paramref name="peer"/> may be served; it then counts as active until its
        /// connection leaves its <see cref="ConnectionSet"/>. A stopping listener admits nobody.
        /// At the per-client limit, the places of the client's connections that its peer has
        /// already closed are given back first (<see cref="ConnectionSet.ReleasePeerClosed"/>):
        /// what counts is what the client really holds.
        /// </summary>
        public bool TryAdmit(IRemotePeer peer, bool stopping, ConnectionSet connections)
        {
            if (!_filter.IsOpen && !_filter.Admits(peer.RemoteEndPoint))
            {
                _counters.Denied();
                _events.Raise(EchoServerEventKind.Denied, EchoProtocol.Tcp, peer.RemoteEndPoint, 0, DeniedMessage);
                return false;
            }
            if (stopping) return false;
            var client = (peer.RemoteEndPoint as IPEndPoint)?.Address;
            if (client != null && !_perClient.TryAcquire(client)
                && !(connections.ReleasePeerClosed(client) > 0 && _perClient.TryAcquire(client)))
            {
                _counters.Refused();
                if (_events.IsWatched)
                    _events.Raise(EchoServerEventKind.Refused, EchoProtocol.Tcp, peer.RemoteEndPoint, 0,
                        $"Connection limit per client of {_perClient.MaxPerClient} reached (-MaxConnectionsPerClient).");
                return false;
            }
            if (!_counters.TryAdmit(_maxConnections))
            {
                if (client != null) _perClient.Release(client);
                if (_events.IsWatched)
                    _events.Raise(EchoServerEventKind.Refused, EchoProtocol.Tcp, peer.RemoteEndPoint, 0,
                        $"Connection limit of {_maxConnections} reached.");
                return false;
            }
            return true;
        }

        /// <summary>
        /// An admitted client's connection ended: it no longer counts globally, nor for its
        /// address unless its place there was given back already (<paramref name="releaseClient"/> false).
        /// </summary>
        public void Released(IRemotePeer peer, bool releaseClient)
        {
            _counters.Released();
            var client = releaseClient ? (peer.RemoteEndPoint as IPEndPoint)?.Address : null;
            if (client != null) _perClient.Release(client);
        }

        /// <summary>One connection of <paramref name="client"/> no longer counts under its limit (its peer has closed).</summary>
        public void ReleaseClient(IPAddress client) => _perClient.Release(client);
    }
}

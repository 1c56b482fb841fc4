using System;
using System.Net;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>
    /// -Forward: the server relays instead of echoing (socat TCP-LISTEN,fork TCP:host:port). Each
    /// TCP connection gets its own upstream connection (<see cref="RelaySession"/>); each UDP client
    /// its own upstream socket, whose replies go back to that client (<see cref="DatagramRelay"/>).
    /// What the upstream answers is raised as Sent events, so -Record holds both directions in order.
    /// </summary>
    internal sealed class RelayService : ServerService, IDisposable
    {
        private readonly DatagramRelay _datagrams;

        public RelayService(IPEndPoint upstream, string upstreamName, TimeSpan idleTimeout, ServerCounters counters, IServerEvents events)
        {
            Upstream = upstream;
            UpstreamName = upstreamName;
            Counters = counters;
            Events = events;
            _datagrams = new DatagramRelay(this, idleTimeout);
        }

        public IPEndPoint Upstream { get; }

        /// <summary>The upstream as the user named it (host:port), for messages.</summary>
        public string UpstreamName { get; }

        public ServerCounters Counters { get; }
        public IServerEvents Events { get; }

        public override StreamSession OpenStream(IConnectionOutput connection) => new RelaySession(this, connection);

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output)
        {
            _datagrams.Relay(buffer, count, peer.RemoteEndPoint, output);
            return default;
        }

        /// <summary>Bytes the upstream answered, as a Sent event (when watched or recorded).</summary>
        public void Answered(EchoProtocol protocol, EndPoint client, long connectionId, byte[] data, int count)
        {
            if (Events.IsWatched) Events.RaiseData(EchoServerEventKind.Sent, protocol, client, connectionId, data, count);
        }

        /// <summary>What the relay did to a client because of its upstream (refused, reset): a Fault event.</summary>
        public void Report(EchoProtocol protocol, EndPoint client, long connectionId, string message)
        {
            if (Events.IsWatched) Events.Raise(EchoServerEventKind.Fault, protocol, client, 0, message, connectionId);
        }

        public void Dispose() => _datagrams.Dispose();
    }
}

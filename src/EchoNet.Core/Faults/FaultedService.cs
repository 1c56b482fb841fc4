using System;
using EchoNet.Engines;

namespace EchoNet.Faults
{
    /// <summary>
    /// Puts a server's faults in front of its service, whatever it is (echo, reply format,
    /// responder, relay): every TCP connection gets a <see cref="FaultedSession"/>, every datagram
    /// goes through <see cref="DatagramFaults"/>. With no fault set, a chunk costs one check.
    /// </summary>
    internal sealed class FaultedService : ServerService, IDisposable
    {
        private readonly ServerService _inner;
        private readonly FaultPlan _plan;
        private readonly DatagramFaults _datagrams;

        public FaultedService(ServerService inner, FaultPlan plan)
        {
            _inner = inner;
            _plan = plan;
            _datagrams = new DatagramFaults(plan);
        }

        /// <summary>The service behind the faults (a responder or relay to dispose with the server).</summary>
        public ServerService Inner => _inner;

        public override StreamSession OpenStream(IConnectionOutput connection)
        {
            var session = new FaultedSession(connection, _plan);
            session.Open(_inner);
            return session;
        }

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output)
        {
            var faults = _plan.Current;
            if (!faults.HasDatagramFaults) return _inner.Datagram(buffer, count, peer, output);
            var verdict = _datagrams.Decide(faults);
            if (!verdict.Applies) return _inner.Datagram(buffer, count, peer, output);
            // Later replies (a responder's, a relay's) meet the same verdict as an immediate one.
            var faulted = new DatagramFaults.FaultedOutput(_datagrams, verdict, output);
            var reply = _inner.Datagram(buffer, count, peer, faulted);
            if (reply.Array != null && reply.Count > 0)
            {
                var copy = new byte[reply.Count];
                Buffer.BlockCopy(reply.Array, reply.Offset, copy, 0, reply.Count);
                faulted.SendTo(peer.RemoteEndPoint, new ArraySegment<byte>(copy));
            }
            return default;
        }

        public void Dispose()
        {
            _datagrams.Dispose();
            (_inner as IDisposable)?.Dispose();
        }
    }
}

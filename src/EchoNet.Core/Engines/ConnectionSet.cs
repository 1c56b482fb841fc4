using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading;
using EchoNet.Access;

namespace EchoNet.Engines
{
    /// <summary>
    /// The TCP connections of one listener, whatever the engine: admission through the server's
    /// <see cref="TcpAdmission"/>, the Connected/Disconnected events, the active count, the idle
    /// sweep, and closing them all when the listener stops. Connections report here when they end.
    /// </summary>
    internal sealed class ConnectionSet : IDisposable
    {
        private readonly EngineContext _context;
        private readonly ConcurrentDictionary<EchoConnection, byte> _connections =
            new ConcurrentDictionary<EchoConnection, byte>();
        private readonly Timer _idleSweep;
        private readonly long _idleTicks;
        private volatile bool _stopped;
        private long _lastFruitlessScan = long.MinValue / 2;

        public ConnectionSet(EngineContext context)
        {
            _context = context;
            var idle = context.IdleTimeout;
            if (idle > TimeSpan.Zero)
            {
                _idleTicks = (long)(idle.TotalSeconds * Stopwatch.Frequency);
                var period = (int)Math.Max(50, Math.Min(1000, idle.TotalMilliseconds / 4));
                _idleSweep = new Timer(_ => CloseIdle(), null, period, period);
            }
        }

        public EngineContext Context => _context;
        public bool Stopped => _stopped;

        /// <summary>The shared admission decision; false means the engine closes the client.</summary>
        public bool TryAdmit(IRemotePeer peer) => _context.Admission.TryAdmit(peer, _stopped, this);

        /// <summary>
        /// Gives back the per-client places of this client's connections whose peer has already
        /// closed, though their close has not been served yet (the portable engine can run
        /// hundreds of closes behind a client that reconnects at once); the number given back.
        /// A scan that found nothing is not repeated within a millisecond, so a client hammering
        /// at its limit cannot make every refusal a walk over every connection.
        /// </summary>
        public int ReleasePeerClosed(IPAddress client)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - Volatile.Read(ref _lastFruitlessScan) < Stopwatch.Frequency / 1000) return 0;
            int released = 0;
            foreach (var connection in _connections.Keys)
            {
                if (!(connection.RemoteEndPoint is IPEndPoint remote) || !ClientConnectionLimit.SameClient(remote.Address, client)) continue;
                if (!connection.PeerClosed || !connection.TakeClientSlot()) continue;
                _context.Admission.ReleaseClient(client);
                released++;
            }
            if (released == 0) Volatile.Write(ref _lastFruitlessScan, now);
            return released;
        }

        /// <summary>
        /// Tracks an admitted client's connection and reports it. False when the listener stopped
        /// meanwhile: the engine then closes the connection (it still reports through <see cref="Remove"/>).
        /// </summary>
        public bool Add(EchoConnection connection)
        {
            _connections.TryAdd(connection, 0);
            var events = _context.Events;
            if (events.IsWatched)
                events.Raise(EchoServerEventKind.Connected, EchoProtocol.Tcp, connection.RemoteEndPoint, 0, null, connection.Id);
            return !_stopped;
        }

        /// <summary>A connection ended (from its driving thread): count it out and report it, once.</summary>
        public void Remove(EchoConnection connection, Exception error)
        {
            if (!_connections.TryRemove(connection, out _)) return;
            _context.Admission.Released(connection, releaseClient: connection.TakeClientSlot());
            var events = _context.Events;
            if (events.IsWatched)
                events.Raise(EchoServerEventKind.Disconnected, EchoProtocol.Tcp, connection.RemoteEndPoint, connection.BytesEchoed,
                    error == null ? null : error.GetType().Name + ": " + error.Message, connection.Id);
        }

        /// <summary>On a timer thread, where an exception would end the process.</summary>
        private void CloseIdle()
        {
            long now = Stopwatch.GetTimestamp();
            foreach (var connection in _connections.Keys)
            {
                if (now - connection.LastActivity <= _idleTicks) continue;
                try { connection.Close(); }
                catch (Exception) { /* the next sweep tries again */ }
            }
        }

        /// <summary>Admits nobody more and asks every connection to close.</summary>
        public void Dispose()
        {
            _stopped = true;
            _idleSweep?.Dispose();
            foreach (var connection in _connections.Keys) connection.Close();
        }
    }
}

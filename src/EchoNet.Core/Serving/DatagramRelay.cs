using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>
    /// UDP under -Forward: each client gets its own socket connected to the upstream, so the
    /// upstream's replies on it go back to that client (through the listener's later output, the
    /// one given with the client's latest datagram, so faults act on replies). A client silent for
    /// the idle timeout loses its socket; at most <see cref="MaxClients"/> are relayed at once.
    /// </summary>
    internal sealed class DatagramRelay : IDisposable
    {
        public const int MaxClients = 1024;

        private readonly RelayService _service;
        private readonly ConcurrentDictionary<EndPoint, RelayedClient> _clients = new ConcurrentDictionary<EndPoint, RelayedClient>();
        private readonly Timer _sweep;
        private readonly long _idleTicks;
        private volatile bool _disposed;

        public DatagramRelay(RelayService service, TimeSpan idleTimeout)
        {
            _service = service;
            var idle = idleTimeout > TimeSpan.Zero ? idleTimeout : TimeSpan.FromMinutes(5);
            _idleTicks = (long)(idle.TotalSeconds * Stopwatch.Frequency);
            int period = (int)Math.Max(1000, Math.Min(30000, idle.TotalMilliseconds / 2));
            _sweep = new Timer(_ => Sweep(), null, period, period);
        }

        private sealed class RelayedClient
        {
            public Socket Socket;
            public EndPoint Remote;
            public volatile IDatagramOutput Output;
            public long LastActivity;
        }

        public void Relay(byte[] buffer, int count, EndPoint remote, IDatagramOutput output)
        {
            if (_disposed) return;
            if (!_clients.TryGetValue(remote, out var client))
            {
                if (_clients.Count >= MaxClients)
                {
                    _service.Report(EchoProtocol.Udp, remote, 0, $"Not relayed: {MaxClients} clients are relayed already.");
                    return;
                }
                client = Open(remote);
                if (client == null) return;
            }
            client.Output = output;
            Volatile.Write(ref client.LastActivity, Stopwatch.GetTimestamp());
            try { client.Socket.Send(buffer, 0, count, SocketFlags.None); }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                _service.Report(EchoProtocol.Udp, remote, 0, $"Relaying to {_service.UpstreamName} failed: {e.Message}");
            }
        }

        private RelayedClient Open(EndPoint remote)
        {
            var socket = new Socket(_service.Upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try { socket.Connect(_service.Upstream); }
            catch (SocketException e)
            {
                socket.Dispose();
                _service.Report(EchoProtocol.Udp, remote, 0, $"Upstream {_service.UpstreamName} cannot be reached: {e.Message}");
                return null;
            }
            var client = new RelayedClient { Socket = socket, Remote = remote };
            if (!_clients.TryAdd(remote, client))
            {
                socket.Dispose();
                return _clients.TryGetValue(remote, out var other) ? other : null;
            }
            _ = ReceiveAsync(client);
            return client;
        }

        /// <summary>The upstream's replies to one client, back to that client.</summary>
        private async Task ReceiveAsync(RelayedClient client)
        {
            var buffer = new byte[65536];
            while (!_disposed)
            {
                int n;
                try { n = await client.Socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false); }
                catch (ObjectDisposedException) { return; }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused || e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // ICMP port unreachable for an earlier datagram: that one is lost, the next may get through.
                    _service.Report(EchoProtocol.Udp, client.Remote, 0, $"Upstream {_service.UpstreamName} refused a datagram (port unreachable).");
                    continue;
                }
                catch (SocketException) { Forget(client); return; }
                var copy = new byte[n];
                Buffer.BlockCopy(buffer, 0, copy, 0, n);
                Volatile.Write(ref client.LastActivity, Stopwatch.GetTimestamp());
                _service.Answered(EchoProtocol.Udp, client.Remote, 0, copy, n);
                client.Output.SendTo(client.Remote, new ArraySegment<byte>(copy));
            }
        }

        private void Forget(RelayedClient client)
        {
            _clients.TryRemove(client.Remote, out _);
            client.Socket.Dispose();
        }

        /// <summary>On a timer thread: drops clients silent for the idle timeout.</summary>
        private void Sweep()
        {
            long now = Stopwatch.GetTimestamp();
            foreach (var client in _clients.Values)
                if (now - Volatile.Read(ref client.LastActivity) > _idleTicks) Forget(client);
        }

        public void Dispose()
        {
            _disposed = true;
            _sweep.Dispose();
            foreach (var client in _clients.Values) Forget(client);
        }
    }
}

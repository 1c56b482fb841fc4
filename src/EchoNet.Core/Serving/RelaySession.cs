using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>
    /// One relayed TCP connection: the client's bytes go to its own upstream connection in order,
    /// the upstream's bytes come back through the connection's later reply path, unchanged. A FIN
    /// on either side is passed on as a FIN (half-close first, so the other side still answers); a
    /// reset on either side as a reset. An upstream that cannot be reached closes the client with
    /// a Fault event saying why. Both directions push back: the client is not read while more than
    /// <see cref="HoldLimit"/> bytes wait for the upstream, the upstream is not read while the
    /// client's later sends are backlogged. Where the engine watches the upstream socket on the
    /// client's own thread (epoll: <see cref="IConnectionOutput.Watch"/>), upstream chunks are read
    /// there and go out to the client at once; elsewhere the socket's async receive reads them.
    /// </summary>
    internal sealed class RelaySession : StreamSession, ISocketReadiness
    {
        private const int HoldLimit = 256 * 1024;
        private const int BufferSize = 64 * 1024;
        private const int ConnectTimeoutMs = 10000;

        private readonly RelayService _service;
        private readonly IConnectionOutput _client;
        private readonly Socket _upstream;
        private readonly object _lock = new object();
        private readonly Queue<ArraySegment<byte>> _toUpstream = new Queue<ArraySegment<byte>>();
        private int _waiting;
        private bool _sending;
        private bool _connected;
        private bool _clientFinished;
        private volatile bool _upstreamFinished;
        private volatile bool _over;
        private bool _upstreamShut;
        private TaskCompletionSource<bool> _clientReady;
        private IWatchedSocket _watch;

        public RelaySession(RelayService service, IConnectionOutput client)
        {
            _service = service;
            _client = client;
            _upstream = new Socket(service.Upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _ = ConnectAsync();
        }

        /// <summary>
        /// On the engine's thread: sent upstream at once when nothing waits before it (no copy, no
        /// task); what the socket does not take now is copied into a rented buffer for the send loop.
        /// </summary>
        public override ArraySegment<byte> Received(byte[] buffer, int count)
        {
            bool now;
            lock (_lock)
            {
                now = !_sending && _connected && !_over && _toUpstream.Count == 0;
                if (now) _sending = true;
            }
            int sent = 0;
            if (now)
            {
                sent = SendNow(buffer, count);
                if (sent < 0) return default; // the upstream failed: the client is being reset
                if (sent == count)
                {
                    lock (_lock) _sending = false;
                    return default;
                }
            }
            var rest = ArrayPool<byte>.Shared.Rent(count - sent);
            Buffer.BlockCopy(buffer, sent, rest, 0, count - sent);
            lock (_lock)
            {
                _toUpstream.Enqueue(new ArraySegment<byte>(rest, 0, count - sent));
                _waiting += count - sent;
            }
            if (now) _ = SendUpstreamAsync(); // it holds the send loop already
            else PumpUpstream();
            return default;
        }

        /// <summary>What the upstream takes without waiting (it is non-blocking); -1 when it failed.</summary>
        private int SendNow(byte[] buffer, int count)
        {
            int sent = 0;
            try
            {
                while (sent < count)
                {
                    int n = _upstream.Send(buffer, sent, count - sent, SocketFlags.None, out var error);
                    if (error == SocketError.WouldBlock) break;
                    if (error != SocketError.Success) throw new SocketException((int)error);
                    sent += n;
                }
                return sent;
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                UpstreamFailed(e);
                return -1;
            }
        }

        public override bool HoldsInput => Volatile.Read(ref _waiting) > HoldLimit;

        public override void OutputReady()
        {
            var watch = Volatile.Read(ref _watch);
            if (watch != null)
            {
                if (!_upstreamFinished && !_over) watch.WantRead(true);
            }
            else Volatile.Read(ref _clientReady)?.TrySetResult(true);
        }

        /// <summary>The client's FIN: passed on once what it sent before has gone upstream; the client stays open for the answer.</summary>
        public override bool InputEnded()
        {
            lock (_lock) _clientFinished = true;
            PumpUpstream();
            return true;
        }

        /// <summary>The client's connection ended: an end without its FIN (a reset, a stop) resets the upstream.</summary>
        public override void Closed()
        {
            if (_over) return;
            bool clean;
            IWatchedSocket watch;
            lock (_lock)
            {
                _over = true;
                clean = _clientFinished && _toUpstream.Count == 0;
                watch = _watch;
            }
            watch?.Unwatch(); // before the socket closes (the engine calls this on its own thread)
            if (!clean && !_upstreamFinished)
            {
                try { _upstream.LingerState = new LingerOption(true, 0); } catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            }
            _upstream.Dispose();
            Volatile.Read(ref _clientReady)?.TrySetResult(false);
        }

        private async Task ConnectAsync()
        {
            try
            {
                var connect = _upstream.ConnectAsync(_service.Upstream);
                if (await Task.WhenAny(connect, Task.Delay(ConnectTimeoutMs)).ConfigureAwait(false) != connect)
                    throw new TimeoutException($"no answer within {ConnectTimeoutMs / 1000} s");
                await connect.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (_over) return;
                string why = e is SocketException s ? s.SocketErrorCode.ToString() + ": " + s.Message : e.Message;
                _service.Report(EchoProtocol.Tcp, _client.RemoteEndPoint, _client.Id, $"Upstream {_service.UpstreamName} could not be reached ({why}); the client's connection is closed.");
                _client.Close();
                return;
            }
            // Sends from the engine's thread must not wait on it; the async loops do not care.
            try { _upstream.Blocking = false; }
            catch (ObjectDisposedException) { return; } // the client's connection ended meanwhile
            IWatchedSocket watch;
            lock (_lock)
            {
                if (_over) return;
                _connected = true;
                watch = _client.Watch(_upstream, this);
                Volatile.Write(ref _watch, watch);
            }
            PumpUpstream();
            if (watch != null) watch.WantRead(true);
            else _ = ReceiveUpstreamAsync();
        }

        /// <summary>Starts the one send loop unless it runs (or the upstream is not connected yet).</summary>
        private void PumpUpstream()
        {
            lock (_lock)
            {
                if (_sending || !_connected || _over) return;
                _sending = true;
            }
            _ = SendUpstreamAsync();
        }

        private async Task SendUpstreamAsync()
        {
            try
            {
                while (true)
                {
                    ArraySegment<byte> next;
                    bool finish = false;
                    lock (_lock)
                    {
                        if (_toUpstream.Count == 0)
                        {
                            _sending = false;
                            finish = _clientFinished;
                            next = default;
                        }
                        else next = _toUpstream.Dequeue();
                    }
                    if (next.Array == null)
                    {
                        if (finish)
                        {
                            Volatile.Write(ref _upstreamShut, true);
                            _upstream.Shutdown(SocketShutdown.Send);
                        }
                        return;
                    }
                    int offset = 0;
                    while (offset < next.Count)
                        offset += await _upstream.SendAsync(new ArraySegment<byte>(next.Array, next.Offset + offset, next.Count - offset), SocketFlags.None).ConfigureAwait(false);
                    ArrayPool<byte>.Shared.Return(next.Array);
                    int left = Interlocked.Add(ref _waiting, -next.Count);
                    if (left <= HoldLimit && left + next.Count > HoldLimit) _client.ResumeReceiving();
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                UpstreamFailed(e);
            }
        }

        /// <summary>
        /// The upstream is readable, on the engine's thread that serves the client (a watched
        /// socket): one chunk goes straight on to the client; a backlogged client stops the
        /// watching until <see cref="OutputReady"/>.
        /// </summary>
        void ISocketReadiness.Readable()
        {
            if (_over) return;
            if (_upstreamFinished)
            {
                _watch.WantRead(false); // failed or ended: level-triggered epoll would keep saying so
                return;
            }
            if (_client.IsBacklogged)
            {
                _watch.WantRead(false);
                if (!_client.IsBacklogged) _watch.WantRead(true); // drained meanwhile
                return;
            }
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            int n;
            SocketError error;
            try { n = _upstream.Receive(buffer, 0, buffer.Length, SocketFlags.None, out error); }
            catch (ObjectDisposedException) { error = SocketError.OperationAborted; n = 0; }
            if (error != SocketError.Success)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (error != SocketError.WouldBlock && error != SocketError.Interrupted) UpstreamFailed(new SocketException((int)error));
                return;
            }
            try
            {
                if (!Deliver(buffer, n)) _watch.WantRead(false);
            }
            catch (SocketException e)
            {
                UpstreamFailed(e); // the end was a reset (Deliver gave the buffer back)
            }
        }

        void ISocketReadiness.WatchFailed(int error) =>
            UpstreamFailed(new InvalidOperationException("the engine could not watch the upstream socket (errno " + error + ")"));

        /// <summary>Where the engine does not watch the upstream: its async receive reads each chunk into a rented buffer.</summary>
        private async Task ReceiveUpstreamAsync()
        {
            try
            {
                while (!_over)
                {
                    if (_client.IsBacklogged)
                    {
                        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                        Volatile.Write(ref _clientReady, ready);
                        if (_client.IsBacklogged && !_over) await ready.Task.ConfigureAwait(false);
                        continue;
                    }
                    var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                    int n;
                    try { n = await _upstream.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None).ConfigureAwait(false); }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw;
                    }
                    if (!Deliver(buffer, n)) return;
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                UpstreamFailed(e);
            }
        }

        /// <summary>
        /// One upstream read's outcome, the buffer rented: bytes go to the client as they are (the
        /// engine returns the buffer); an end goes on as a FIN, or as a reset when it was one.
        /// False once the upstream has ended.
        /// </summary>
        private bool Deliver(byte[] buffer, int n)
        {
            if (n == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                // .NET may report an RST as an end of stream: the socket's state tells them apart.
                if (WasReset()) throw new SocketException((int)SocketError.ConnectionReset);
                // The upstream's FIN: the client gets everything before it, then a FIN.
                _upstreamFinished = true;
                _client.CloseWhenSent();
                return false;
            }
            _service.Answered(EchoProtocol.Tcp, _client.RemoteEndPoint, _client.Id, buffer, n);
            _client.SendRented(new ArraySegment<byte>(buffer, 0, n));
            return true;
        }

        /// <summary>
        /// True when the upstream's receive ended with an RST, not a FIN (.NET may report both as an
        /// end of stream): a zero-byte send still works on a connection the peer only half-closed
        /// (CLOSE_WAIT) and fails on one it reset. Once our own FIN went up, an end is taken for a FIN.
        /// </summary>
        private bool WasReset()
        {
            if (Volatile.Read(ref _upstreamShut)) return false;
            try
            {
                _upstream.Send(new byte[0], 0, 0, SocketFlags.None, out var error);
                return error != SocketError.Success && error != SocketError.WouldBlock;
            }
            catch (ObjectDisposedException) { return false; }
        }

        /// <summary>The upstream reset (or failed): the client is reset too, with an event saying so.</summary>
        private void UpstreamFailed(Exception e)
        {
            if (_over) return;
            _upstreamFinished = true;
            string why = e is SocketException s ? s.SocketErrorCode.ToString() : e.GetType().Name;
            _service.Counters.FaultReset();
            _service.Report(EchoProtocol.Tcp, _client.RemoteEndPoint, _client.Id, $"Upstream {_service.UpstreamName} ended the connection ({why}); the client's connection is reset.");
            _client.Reset();
        }
    }
}

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
    /// client's later sends are backlogged.
    /// </summary>
    internal sealed class RelaySession : StreamSession
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

        public override void OutputReady() => Volatile.Read(ref _clientReady)?.TrySetResult(true);

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
            _over = true;
            bool clean;
            lock (_lock) clean = _clientFinished && _toUpstream.Count == 0;
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
            _upstream.Blocking = false;
            lock (_lock) _connected = true;
            PumpUpstream();
            _ = ReceiveUpstreamAsync();
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

        /// <summary>Each upstream chunk is received into a rented buffer that goes to the client as it is (the engine returns it).</summary>
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
                    if (n == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        // .NET may report an RST as an end of stream: the socket's state tells them apart.
                        if (WasReset()) throw new SocketException((int)SocketError.ConnectionReset);
                        // The upstream's FIN: the client gets everything before it, then a FIN.
                        _upstreamFinished = true;
                        _client.CloseWhenSent();
                        return;
                    }
                    _service.Answered(EchoProtocol.Tcp, _client.RemoteEndPoint, _client.Id, buffer, n);
                    _client.SendRented(new ArraySegment<byte>(buffer, 0, n));
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                UpstreamFailed(e);
            }
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

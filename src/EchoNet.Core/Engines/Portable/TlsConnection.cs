using System;
using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// One TLS client: the handshake, then every decrypted chunk goes to the session and its reply
    /// goes back encrypted, in order. Stream-based (SslStream has no non-blocking calls); awaiting
    /// each write before the next read gives the same backpressure as the plain connection. A
    /// handshake that does not finish within <see cref="HandshakeTimeoutMs"/> ends the connection.
    /// Later sends are written by one drain task at a time once the handshake is done (SslStream
    /// allows one write beside the read loop's read); while they or the session hold back, the read
    /// loop awaits <see cref="OnResumeReceiving"/> instead of reading.
    /// </summary>
    internal sealed class TlsConnection : EchoConnection
    {
        public const int HandshakeTimeoutMs = 10000;
        private const int BufferSize = 16 * 1024;

        private readonly Socket _socket;
        private readonly X509Certificate2 _certificate;
        private readonly TaskCompletionSource<bool> _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private SslStream _stream;
        private TaskCompletionSource<bool> _resumed;

        public TlsConnection(ConnectionSet owner, Socket socket, EndPoint remote, X509Certificate2 certificate)
            : base(owner, System.Diagnostics.Stopwatch.GetTimestamp())
        {
            _socket = socket;
            _certificate = certificate;
            RemoteEndPoint = remote;
        }

        public override EndPoint RemoteEndPoint { get; }

        protected override void OnStart() => _ = RunAsync();

        public override bool PeerClosed => PeerCloseProbe.PeerClosed(_socket);

        protected override void OnClose()
        {
            try
            {
                if (ResetRequested) _socket.LingerState = new LingerOption(true, 0);
                else _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            _socket.Dispose();
            _ready.TrySetResult(false);
            Volatile.Read(ref _resumed)?.TrySetResult(true); // the read loop then fails on the closed socket and finishes
        }

        protected override void OnDrainLater() => _ = DrainLaterAsync();

        private async Task DrainLaterAsync()
        {
            try
            {
                if (!await _ready.Task.ConfigureAwait(false)) return;
                do
                {
                    while (TryTakeLater(out var bytes))
                    {
                        if (IsEndMarker(bytes)) { Close(); return; }
                        await _stream.WriteAsync(bytes.Array, bytes.Offset, bytes.Count).ConfigureAwait(false);
                        Sent(bytes.Count, System.Diagnostics.Stopwatch.GetTimestamp());
                        LaterSent(bytes.Count);
                    }
                } while (!LaterIdle());
            }
            catch (Exception)
            {
                Close(); // the read loop reports the end
            }
        }

        protected override void OnResumeReceiving() => Volatile.Read(ref _resumed)?.TrySetResult(true);

        /// <summary>Completes when reading may go on (or the connection closed).</summary>
        private Task WhenResumed()
        {
            var resumed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _resumed, resumed);
            if (!ReceivePaused || CloseRequested) resumed.TrySetResult(true);
            return resumed.Task;
        }

        private async Task RunAsync()
        {
            Exception error = null;
            byte[] buffer = null;
            try
            {
                _socket.NoDelay = true;
                using (var stream = new SslStream(new NetworkStream(_socket, true), false))
                using (var handshakeTimer = new Timer(_ => Close(), null, HandshakeTimeoutMs, Timeout.Infinite))
                {
                    await stream.AuthenticateAsServerAsync(_certificate, false, System.Security.Authentication.SslProtocols.None, false).ConfigureAwait(false);
                    handshakeTimer.Change(Timeout.Infinite, Timeout.Infinite);
                    _stream = stream;
                    _ready.TrySetResult(true);
                    Touch();
                    buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                    int received;
                    while (true)
                    {
                        while (ReceivePaused && !CloseRequested) await WhenResumed().ConfigureAwait(false);
                        received = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        if (received == 0)
                        {
                            // The session still sends (a delay, a relay): wait for its close.
                            if (PeerFinished()) while (!CloseRequested) await WhenResumed().ConfigureAwait(false);
                            break;
                        }
                        Touch();
                        var reply = Session.Received(buffer, received);
                        if (reply.Array != null && reply.Count > 0)
                        {
                            await stream.WriteAsync(reply.Array, reply.Offset, reply.Count).ConfigureAwait(false);
                            Sent(reply.Count, System.Diagnostics.Stopwatch.GetTimestamp());
                        }
                        if (Session.Ended) break;
                    }
                    // The peer closed its side: everything it sent has been answered.
                }
            }
            catch (Exception e)
            {
                // A failed handshake, a reset, or Close() from the idle sweep or Stop: all end here.
                if (!CloseRequested) error = e;
            }
            finally
            {
                BeginFinish();
                _ready.TrySetResult(false);
                try
                {
                    Close();
                    if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
                }
                finally { Finished(error); }
            }
        }
    }
}

using System;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Server
{
    /// <summary>
    /// One TLS client: the handshake, then every decrypted byte goes back encrypted, in order.
    /// Stream-based (SslStream has no non-blocking calls); awaiting each write before the next
    /// read gives the same backpressure as the plain connection. A handshake that does not finish
    /// within <see cref="HandshakeTimeoutMs"/> ends the connection.
    /// </summary>
    internal sealed class TlsEchoConnection : IEchoConnection
    {
        public const int HandshakeTimeoutMs = 10000;
        private const int BufferSize = 16 * 1024;

        private readonly TcpEchoListener _owner;
        private readonly Socket _socket;
        private readonly X509Certificate2 _certificate;
        private readonly ReplyFormat.Responder _responder;
        private long _lastActivity;
        private long _bytesEchoed;
        private int _closed;

        public TlsEchoConnection(TcpEchoListener owner, Socket socket, X509Certificate2 certificate)
        {
            _owner = owner;
            _socket = socket;
            _certificate = certificate;
            _responder = owner.ReplyFormat?.CreateResponder();
            RemoteEndPoint = socket.RemoteEndPoint;
            Touch();
        }

        public EndPoint RemoteEndPoint { get; }
        public long LastActivity => Volatile.Read(ref _lastActivity);

        public void Start() => _ = RunAsync();

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            _socket.Dispose();
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
                    Touch();
                    buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                    int received;
                    while ((received = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                    {
                        Touch();
                        var reply = _responder == null ? buffer : _responder.Respond(buffer, received);
                        int length = _responder == null ? received : reply.Length;
                        await stream.WriteAsync(reply, 0, length).ConfigureAwait(false);
                        _bytesEchoed += length;
                        _owner.Counters.Echoed(length);
                        Touch();
                    }
                    // The peer closed its side: everything it sent has been echoed.
                }
            }
            catch (Exception e)
            {
                // A failed handshake, a reset, or Close() from the idle sweep or Stop: all end here.
                if (Volatile.Read(ref _closed) == 0) error = e;
            }
            finally
            {
                Close();
                if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
                _owner.Remove(this, _bytesEchoed, error);
            }
        }

        private void Touch() => Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
    }
}

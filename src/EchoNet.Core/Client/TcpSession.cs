using System;
using System.Net;
using System.Text;
using System.Threading;
using EchoNet.Client;
using EchoNet.Errors;

namespace EchoNet
{
    /// <summary>
    /// A TCP (or TLS) connection kept open between commands, for scripted conversations: read,
    /// decide, send. It lives in <see cref="TcpSessionRegistry"/> until closed. One command at a
    /// time may use it; another that tries at the same moment gets SessionBusy, never
    /// interleaved bytes.
    /// </summary>
    public sealed class TcpSession
    {
        private readonly object _use = new object();
        private readonly TcpConnection _connection;
        private volatile bool _closed;

        private TcpSession(TcpConnection connection, Encoding encoding)
        {
            _connection = connection;
            Encoding = encoding;
            Opened = DateTime.Now;
            Id = TcpSessionRegistry.Add(this);
        }

        public int Id { get; }
        public string ComputerName => _connection.ComputerName;
        public int Port => _connection.Port;
        public IPEndPoint RemoteEndPoint => _connection.RemoteEndPoint;
        public IPEndPoint LocalEndPoint => _connection.LocalEndPoint;
        /// <summary>
        /// Closed once the peer's close (or reset) is seen: reading State looks, without waiting,
        /// unless a command is using the session right now (then it sees it soon enough).
        /// </summary>
        public TcpSessionState State
        {
            get
            {
                if (!_closed && !_connection.PeerClosed)
                {
                    lock (_connection) // as Close: a probe never holds the session while it closes
                    {
                        if (!_closed && Monitor.TryEnter(_use))
                        {
                            try { _connection.Probe(); }
                            finally { Monitor.Exit(_use); }
                        }
                    }
                }
                return _closed || _connection.PeerClosed ? TcpSessionState.Closed : TcpSessionState.Open;
            }
        }
        public DateTime Opened { get; }
        public TimeSpan ConnectTime => _connection.ConnectTime;
        public long BytesSent => _connection.BytesSent;
        public long BytesReceived => _connection.BytesReceived;

        /// <summary>Bytes received that no reply has taken yet; the next reply begins with them.</summary>
        public int BufferedBytes => _connection.BufferedBytes;

        /// <summary>The text encoding commands use with this session unless told otherwise.</summary>
        public Encoding Encoding { get; }

        public bool Tls => _connection.Tls != null;
        public string TlsProtocol => _connection.Tls?.Protocol;
        public string TlsCipher => _connection.Tls?.Cipher;
        public string CertificateSubject => _connection.Tls?.CertificateSubject;
        public string CertificateIssuer => _connection.Tls?.CertificateIssuer;
        public DateTime? CertificateExpires => _connection.Tls?.CertificateExpires;

        /// <summary>"host:port".</summary>
        public string Target => _connection.Target;

        /// <summary>The connection, for building results; use <see cref="Exchange"/> to talk over it.</summary>
        internal TcpConnection Connection => _connection;

        public static TcpSession Connect(ClientTarget target, int timeoutMs, TlsClientOptions tls, Encoding encoding,
            ClientTrace trace, CancellationToken cancel)
        {
            var session = new TcpSession(TcpConnection.Open(target, timeoutMs, tls, trace, cancel), encoding);
            trace?.Add($"Session {session.Id} open to {session.Target}.");
            return session;
        }

        /// <summary>A session over a connection a listener accepted (Enter-TcpSession -Listen).</summary>
        public static TcpSession Accepted(System.Net.Sockets.Socket socket, Encoding encoding) =>
            new TcpSession(TcpConnection.Accepted(socket), encoding);

        /// <summary>Sends (an empty payload sends nothing) and cuts the reply by the rule; see <see cref="TcpConnection.Exchange"/>.</summary>
        public TcpExchange Exchange(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel, ClientTrace trace = null)
        {
            return Use(() =>
            {
                if (_connection.PeerClosed && (payload.Length > 0 || _connection.BufferedBytes == 0)) throw ClosedError();
                return _connection.Exchange(payload, rule, timeoutMs, cancel, trace);
            });
        }

        /// <summary>What has arrived, waiting at most <paramref name="waitMs"/>; see <see cref="TcpConnection.ReceiveAvailable"/>.</summary>
        public byte[] ReceiveAvailable(int waitMs) => Use(() => _connection.ReceiveAvailable(waitMs));

        /// <summary>
        /// One use of the connection, holding the session: another command at the same moment gets
        /// SessionBusy. A session closed here (Disconnect-TcpSession, Remove-Module, from any
        /// runspace) before or during the use gives SessionClosed, whichever way the transport
        /// noticed it (a disposed socket, a TLS read that fails, the lock held by the close).
        /// </summary>
        private T Use<T>(Func<T> use)
        {
            if (!Monitor.TryEnter(_use))
            {
                if (_closed) throw ClosedError();
                throw new NetException(NetErrorKind.SessionBusy,
                    $"Session {Id} ({Target}) is in use by another command right now; use a session from one runspace at a time.");
            }
            try
            {
                if (_closed) throw ClosedError();
                return use();
            }
            catch (Exception e) when ((_closed || e is ObjectDisposedException) && !(e is NetException n && n.Kind == NetErrorKind.SessionClosed))
            {
                throw new NetException(NetErrorKind.SessionClosed,
                    $"Session {Id} ({Target}) was closed on this side (Disconnect-TcpSession or Remove-Module) while this command was using it.", e)
                {
                    BytesSent = _connection.MessageBytesSent,
                };
            }
            finally
            {
                // A close that came meanwhile could not drop what this use buffered: drop it now.
                if (_closed) lock (_connection) _connection.Dispose();
                Monitor.Exit(_use);
            }
        }

        /// <summary>The SessionClosed failure a use of this session meets now (saying why it closed), or null while it is open.</summary>
        public NetException WhyClosed() => State == TcpSessionState.Closed ? ClosedError() : null;

        private NetException ClosedError()
        {
            int buffered = _connection.BufferedBytes;
            return new NetException(NetErrorKind.SessionClosed, buffered > 0 && !_closed
                ? $"Session {Id} ({Target}) is closed ({_connection.EndReason}); its {buffered} buffered bytes can still be received, but nothing can be sent."
                : $"Session {Id} ({Target}) is closed: {_connection.EndReason}.");
        }

        /// <summary>Ends the sending side while receiving goes on (end of input, as "nc -N"); false on TLS, which cannot.</summary>
        public bool ShutdownSend() => !_closed && Use(() => _connection.ShutdownSend());

        /// <summary>
        /// Closes the connection and leaves the registry. Returns the bytes no reply took as a
        /// Leftover result, or null when there were none.
        /// </summary>
        public TcpMessageResult Close()
        {
            byte[] leftover;
            lock (_connection) // not _use: closing from another runspace must work while a command waits
            {
                if (_closed) return null;
                _closed = true;
                leftover = Monitor.TryEnter(_use) ? TakeLeftoverAndExit() : new byte[0];
                _connection.Dispose();
            }
            TcpSessionRegistry.Remove(this);
            if (leftover.Length == 0) return null;
            var result = TcpResults.Leftover(_connection, leftover, Encoding);
            result.SessionId = Id;
            return result;
        }

        private byte[] TakeLeftoverAndExit()
        {
            try { return _connection.TakeLeftover(); }
            finally { Monitor.Exit(_use); }
        }

        public override string ToString() => $"TcpSession {Id} {Target} {State}";
    }
}

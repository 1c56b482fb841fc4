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
        public TcpSessionState State => _closed || _connection.PeerClosed ? TcpSessionState.Closed : TcpSessionState.Open;
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
            if (!Monitor.TryEnter(_use))
                throw Busy();
            try
            {
                if (_closed || (_connection.PeerClosed && (payload.Length > 0 || _connection.BufferedBytes == 0)))
                    throw new NetException(NetErrorKind.SessionClosed,
                        _connection.BufferedBytes > 0
                            ? $"Session {Id} ({Target}) is closed; its {_connection.BufferedBytes} buffered bytes can still be received, but nothing can be sent."
                            : $"Session {Id} ({Target}) is closed.");
                return _connection.Exchange(payload, rule, timeoutMs, cancel, trace);
            }
            catch (ObjectDisposedException)
            {
                throw new NetException(NetErrorKind.SessionClosed, $"Session {Id} ({Target}) was closed while in use.");
            }
            finally
            {
                Monitor.Exit(_use);
            }
        }

        /// <summary>What has arrived, waiting at most <paramref name="waitMs"/>; see <see cref="TcpConnection.ReceiveAvailable"/>.</summary>
        public byte[] ReceiveAvailable(int waitMs)
        {
            if (!Monitor.TryEnter(_use))
                throw Busy();
            try
            {
                if (_closed) throw new NetException(NetErrorKind.SessionClosed, $"Session {Id} ({Target}) is closed.");
                return _connection.ReceiveAvailable(waitMs);
            }
            catch (ObjectDisposedException)
            {
                throw new NetException(NetErrorKind.SessionClosed, $"Session {Id} ({Target}) was closed while in use.");
            }
            finally
            {
                Monitor.Exit(_use);
            }
        }

        /// <summary>Ends the sending side while receiving goes on (end of input, as "nc -N"); false on TLS, which cannot.</summary>
        public bool ShutdownSend()
        {
            if (!Monitor.TryEnter(_use))
                throw Busy();
            try { return !_closed && _connection.ShutdownSend(); }
            catch (ObjectDisposedException) { return false; }
            finally { Monitor.Exit(_use); }
        }

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

        private NetException Busy() => new NetException(NetErrorKind.SessionBusy,
            $"Session {Id} ({Target}) is in use by another command right now; use a session from one runspace at a time.");

        public override string ToString() => $"TcpSession {Id} {Target} {State}";
    }
}

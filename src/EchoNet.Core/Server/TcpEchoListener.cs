using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EchoNet.Server
{
    /// <summary>
    /// Accepts TCP clients on one endpoint and hands each to a connection: an
    /// <see cref="EpollEchoConnection"/> for plain echo on Linux, else a <see cref="TcpEchoConnection"/>
    /// (or a <see cref="TlsEchoConnection"/> with a certificate).
    /// Stopping disposes the listening socket; the accept loop reads the resulting abort as
    /// "stopped", never as an error. Any other accept failure (out of descriptors, a client
    /// that reset before it was accepted) is survived.
    /// </summary>
    internal sealed class TcpEchoListener : IDisposable
    {
        private const int AcceptRetryDelayMs = 50;

        private readonly EchoServer _server;
        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _acceptArgs = new SocketAsyncEventArgs();
        private readonly ConcurrentDictionary<IEchoConnection, byte> _connections =
            new ConcurrentDictionary<IEchoConnection, byte>();
        private readonly Timer _idleSweep;
        private readonly long _idleTicks;
        private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate;
        private volatile bool _stopped;

        public TcpEchoListener(EchoServer server, IPEndPoint endPoint, EchoServerOptions options)
        {
            _server = server;
            _socket = Sockets.Bind(endPoint, SocketType.Stream, ProtocolType.Tcp);
            try { _socket.Listen(options.Backlog); }
            catch { _socket.Dispose(); throw; }
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint;
            MaxConnections = options.MaxConnections;
            ReplyFormat = options.ReplyFormat;
            _certificate = options.Certificate;
            _acceptArgs.Completed += (_, args) => AcceptLoop(args);
            if (options.IdleTimeout > TimeSpan.Zero)
            {
                _idleTicks = (long)(options.IdleTimeout.TotalSeconds * Stopwatch.Frequency);
                var period = (int)Math.Max(50, Math.Min(1000, options.IdleTimeout.TotalMilliseconds / 4));
                _idleSweep = new Timer(_ => CloseIdle(), null, period, period);
            }
        }

        public IPEndPoint LocalEndPoint { get; }
        public int MaxConnections { get; }
        public ReplyFormat ReplyFormat { get; }
        public ServerCounters Counters => _server.Counters;

        public void Start()
        {
            _acceptArgs.AcceptSocket = null;
            try
            {
                if (!_socket.AcceptAsync(_acceptArgs)) AcceptLoop(_acceptArgs);
            }
            catch (ObjectDisposedException) { }
        }

        private void AcceptLoop(SocketAsyncEventArgs args)
        {
            while (!_stopped)
            {
                if (args.SocketError == SocketError.Success)
                {
                    Admit(args.AcceptSocket);
                }
                else if (args.SocketError == SocketError.OperationAborted || _stopped)
                {
                    return;
                }
                else if (args.SocketError != SocketError.ConnectionReset)
                {
                    // Out of descriptors or similar: report, pause briefly, keep serving.
                    _server.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, null, 0, "Accept failed: " + args.SocketError);
                    Thread.Sleep(AcceptRetryDelayMs);
                }
                args.AcceptSocket = null;
                try
                {
                    if (_socket.AcceptAsync(args)) return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        }

        private void Admit(Socket client)
        {
            if (!_server.ClientFilter.Admits(SafeRemote(client)))
            {
                var denied = SafeRemote(client);
                client.Dispose();
                Counters.Denied();
                _server.Raise(EchoServerEventKind.Denied, EchoProtocol.Tcp, denied, 0, "Not allowed by -AllowedClient/-DeniedClient.");
                return;
            }
            if (_stopped || !Counters.TryAdmit(MaxConnections))
            {
                var remote = SafeRemote(client);
                client.Dispose();
                if (!_stopped)
                    _server.Raise(EchoServerEventKind.Refused, EchoProtocol.Tcp, remote, 0,
                        $"Connection limit of {MaxConnections} reached.");
                return;
            }
            // Plain echo on Linux runs on an event loop; TLS, reply formats and other systems use SAEA.
            IEchoConnection connection = _certificate != null
                ? new TlsEchoConnection(this, client, _certificate)
                : ReplyFormat == null && EventLoop.IsSupported
                    ? new EpollEchoConnection(this, client, EventLoop.Next())
                    : (IEchoConnection)new TcpEchoConnection(this, client);
            _connections.TryAdd(connection, 0);
            _server.Raise(EchoServerEventKind.Connected, EchoProtocol.Tcp, connection.RemoteEndPoint, 0, null);
            if (_stopped) connection.Close();
            if (connection is EpollEchoConnection)
                connection.Start(); // only posts the connection to its loop
            else
                // Start on the pool so a client that sends at once does not hold up the accept loop.
                ThreadPool.UnsafeQueueUserWorkItem(c => ((IEchoConnection)c).Start(), connection);
        }

        internal void Remove(IEchoConnection connection, long bytesEchoed, Exception error)
        {
            if (!_connections.TryRemove(connection, out _)) return;
            Counters.Released();
            _server.Raise(EchoServerEventKind.Disconnected, EchoProtocol.Tcp, connection.RemoteEndPoint, bytesEchoed,
                error == null ? null : error.GetType().Name + ": " + error.Message);
        }

        private void CloseIdle()
        {
            long now = Stopwatch.GetTimestamp();
            foreach (var connection in _connections.Keys)
            {
                if (now - connection.LastActivity > _idleTicks) connection.Close();
            }
        }

        private static EndPoint SafeRemote(Socket socket)
        {
            try { return socket.RemoteEndPoint; }
            catch (SocketException) { return null; }
        }

        public void Dispose()
        {
            _stopped = true;
            _idleSweep?.Dispose();
            _socket.Dispose();
            foreach (var connection in _connections.Keys) connection.Close();
        }
    }
}

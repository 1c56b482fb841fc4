using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Threading;
using System;
using EchoNet.Access;

namespace EchoNet.Server
{
    /// <summary>
    /// Accepts TCP clients on one endpoint and hands each to a connection. Plain echo on Linux:
    /// the event loops accept themselves (<see cref="EpollTcpAcceptor"/>) and serve each client as
    /// an <see cref="EpollEchoConnection"/> on the loop that accepted it. Otherwise a
    /// SocketAsyncEventArgs accept loop and a <see cref="TcpEchoConnection"/> (or a
    /// <see cref="TlsEchoConnection"/> with a certificate).
    /// Stopping disposes the listening socket (after the loops stopped watching it); the SAEA
    /// accept loop reads the resulting abort as "stopped", never as an error. Any other accept
    /// failure (out of descriptors, a client that reset before it was accepted) is survived.
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
        private readonly EpollTcpAcceptor[] _acceptors;
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
            if (_certificate == null && ReplyFormat == null && EventLoop.IsSupported)
            {
                try
                {
                    // Accepted sockets inherit TCP_NODELAY from the listener on Linux: no setsockopt per client.
                    _socket.NoDelay = true;
                    _socket.Blocking = false;
                }
                catch { _socket.Dispose(); throw; }
                int fd = (int)_socket.Handle;
                var loops = EventLoop.All;
                _acceptors = new EpollTcpAcceptor[loops.Length];
                for (int i = 0; i < loops.Length; i++) _acceptors[i] = new EpollTcpAcceptor(this, fd, loops[i]);
            }
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
            if (_acceptors != null)
            {
                foreach (var acceptor in _acceptors) acceptor.Loop.Post(acceptor.Register);
                return;
            }
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

        /// <summary>A client accepted by an event loop (on that loop's thread): admit it there or close it.</summary>
        internal void Admit(int fd, byte[] address, EventLoop loop)
        {
            var filter = _server.ClientFilter;
            if (!filter.IsOpen)
            {
                var remote = EpollNative.DecodeAddress(address);
                if (!filter.Admits(remote))
                {
                    EpollNative.close(fd);
                    Counters.Denied();
                    _server.Raise(EchoServerEventKind.Denied, EchoProtocol.Tcp, remote, 0, "Not allowed by -AllowedClient/-DeniedClient.");
                    return;
                }
            }
            if (_stopped || !Counters.TryAdmit(MaxConnections))
            {
                EpollNative.close(fd);
                if (!_stopped && _server.HasActivitySubscribers)
                    _server.Raise(EchoServerEventKind.Refused, EchoProtocol.Tcp, EpollNative.DecodeAddress(address), 0,
                        $"Connection limit of {MaxConnections} reached.");
                return;
            }
            long packed = EpollNative.PackIPv4(address);
            var connection = new EpollEchoConnection(this, fd, loop, packed, packed < 0 ? EpollNative.DecodeAddress(address) : null);
            _connections.TryAdd(connection, 0);
            if (_server.HasActivitySubscribers)
                _server.Raise(EchoServerEventKind.Connected, EchoProtocol.Tcp, connection.RemoteEndPoint, 0, null);
            connection.Start();
            if (_stopped) connection.Close();
        }

        internal void AcceptFailed(string message)
        {
            if (!_stopped) _server.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, null, 0, message);
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
            // TLS, reply formats and other systems than Linux (plain echo there runs on the event loops).
            IEchoConnection connection = _certificate != null
                ? new TlsEchoConnection(this, client, _certificate)
                : (IEchoConnection)new TcpEchoConnection(this, client);
            _connections.TryAdd(connection, 0);
            _server.Raise(EchoServerEventKind.Connected, EchoProtocol.Tcp, connection.RemoteEndPoint, 0, null);
            if (_stopped) connection.Close();
            // Start on the pool so a client that sends at once does not hold up the accept loop.
            ThreadPool.UnsafeQueueUserWorkItem(c => ((IEchoConnection)c).Start(), connection);
        }

        internal void Remove(IEchoConnection connection, long bytesEchoed, Exception error)
        {
            if (!_connections.TryRemove(connection, out _)) return;
            Counters.Released();
            if (_server.HasActivitySubscribers)
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
            if (_acceptors != null) StopAcceptors();
            _socket.Dispose();
            foreach (var connection in _connections.Keys) connection.Close();
        }

        /// <summary>
        /// Each loop stops watching the listening socket on its own thread (it may be inside accept4
        /// on it); only then is the descriptor closed, so no loop ever uses a reused number.
        /// </summary>
        private void StopAcceptors()
        {
            using (var done = new CountdownEvent(_acceptors.Length))
            {
                foreach (var acceptor in _acceptors)
                {
                    if (acceptor.Loop.OnLoopThread) { acceptor.Unregister(); done.Signal(); }
                    else acceptor.Loop.Post(() => { acceptor.Unregister(); done.Signal(); });
                }
                done.Wait(5000);
            }
        }
    }
}

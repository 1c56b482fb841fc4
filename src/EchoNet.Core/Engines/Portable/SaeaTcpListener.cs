using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// Accepts TCP clients on one endpoint with a SocketAsyncEventArgs accept loop and serves each
    /// as a <see cref="SaeaConnection"/>, or a <see cref="TlsConnection"/> with a certificate.
    /// Stopping disposes the listening socket; the accept loop reads the resulting abort as
    /// "stopped", never as an error. Any other accept failure (out of descriptors, a client that
    /// reset before it was accepted) is survived.
    /// </summary>
    internal sealed class SaeaTcpListener : IEchoListener
    {
        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _acceptArgs = new SocketAsyncEventArgs();
        private readonly ConnectionSet _connections;
        private readonly EngineContext _context;
        private readonly AcceptBackoff _backoff = new AcceptBackoff();
        private Timer _retry;

        public SaeaTcpListener(IPEndPoint endPoint, EngineContext context)
        {
            _context = context;
            _socket = SocketBinding.Listen(endPoint, context.Backlog);
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint;
            _connections = new ConnectionSet(context);
            _acceptArgs.Completed += (_, args) => AcceptLoop(args);
        }

        public IPEndPoint LocalEndPoint { get; }

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
            while (!_connections.Stopped)
            {
                if (args.SocketError == SocketError.Success)
                {
                    if (_backoff.Failing) _backoff.Succeeded();
                    Admit(args.AcceptSocket);
                }
                else if (args.SocketError == SocketError.OperationAborted || _connections.Stopped)
                {
                    return;
                }
                else if (args.SocketError != SocketError.ConnectionReset)
                {
                    // Out of descriptors or similar: count and report it, then try again after a
                    // pause that grows while accept keeps failing, on a timer (no pool thread sleeps).
                    int delay = _backoff.Failed();
                    _context.Counters.AcceptFailed();
                    _context.Events.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, null, 0,
                        $"Accept failed: {args.SocketError}; trying again in {delay} ms.");
                    _retry?.Dispose();
                    _retry = new Timer(_ => Start(), null, delay, Timeout.Infinite);
                    return;
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
            var peer = new KnownPeer(SafeRemote(client));
            if (!_connections.TryAdmit(peer))
            {
                client.Dispose();
                return;
            }
            EchoConnection connection = _context.Certificate != null
                ? new TlsConnection(_connections, client, peer.RemoteEndPoint, _context.Certificate)
                : (EchoConnection)new SaeaConnection(_connections, client, peer.RemoteEndPoint);
            if (!_connections.Add(connection)) connection.Close();
            // Start on the pool so a client that sends at once does not hold up the accept loop.
            ThreadPool.UnsafeQueueUserWorkItem(c => ((EchoConnection)c).StartSafely(), connection);
        }

        private static EndPoint SafeRemote(Socket socket)
        {
            try { return socket.RemoteEndPoint; }
            catch (SocketException) { return null; }
        }

        public void Dispose()
        {
            _retry?.Dispose();
            _connections.Dispose();
            _socket.Dispose();
        }
    }
}

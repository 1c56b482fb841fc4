using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// A listening TCP socket watched by every <see cref="EventLoop"/>: the loops accept
    /// themselves (<see cref="EpollTcpAcceptor"/>) and serve each admitted client as an
    /// <see cref="EpollConnection"/> on the loop that accepted it. Stopping makes each loop
    /// stop watching the socket before it is closed.
    /// </summary>
    internal sealed class EpollTcpListener : IEchoListener
    {
        private readonly Socket _socket;
        private readonly ConnectionSet _connections;
        private readonly EpollTcpAcceptor[] _acceptors;

        public EpollTcpListener(IPEndPoint endPoint, EngineContext context)
        {
            _socket = SocketBinding.Listen(endPoint, context.Backlog);
            try
            {
                // Accepted sockets inherit TCP_NODELAY from the listener on Linux: no setsockopt per client.
                _socket.NoDelay = true;
                _socket.Blocking = false;
            }
            catch { _socket.Dispose(); throw; }
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint;
            _connections = new ConnectionSet(context);
            int fd = (int)_socket.Handle;
            var loops = EventLoop.All;
            _acceptors = new EpollTcpAcceptor[loops.Length];
            for (int i = 0; i < loops.Length; i++) _acceptors[i] = new EpollTcpAcceptor(this, fd, loops[i]);
        }

        public IPEndPoint LocalEndPoint { get; }

        public void Start()
        {
            foreach (var acceptor in _acceptors) acceptor.Loop.Post(acceptor.Register);
        }

        /// <summary>A client accepted on <paramref name="loop"/> (on its thread): admit it there or close it.</summary>
        internal void Admit(int fd, RawPeer peer, EventLoop loop)
        {
            if (!_connections.TryAdmit(peer))
            {
                EpollNative.close(fd);
                return;
            }
            long packed = peer.PackedIPv4;
            // An IPv4 peer is kept packed (its endpoint is rebuilt when asked for): an idle
            // connection holds no endpoint object, even when admission built one.
            var connection = new EpollConnection(_connections, fd, loop, packed, packed < 0 ? peer.RemoteEndPoint : null);
            bool live = _connections.Add(connection);
            connection.Start();
            if (!live) connection.Close();
            else connection.ReceiveNow();
        }

        /// <summary>Accept failed for want of descriptors or memory (the acceptor backs off).</summary>
        internal void AcceptFailed(string message)
        {
            if (_connections.Stopped) return;
            _connections.Context.Counters.AcceptFailed();
            WatchFailed(message);
        }

        internal void WatchFailed(string message)
        {
            if (!_connections.Stopped) _connections.Context.Events.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, null, 0, message);
        }

        public void Dispose()
        {
            _connections.Dispose();
            StopAcceptors();
            _socket.Dispose();
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

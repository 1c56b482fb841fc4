using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// A UDP socket served by one <see cref="EventLoop"/>: recvfrom and sendto on the loop thread,
    /// the sender's address kept as raw bytes (no endpoint object per datagram unless a filter,
    /// an event or the service asks for it); what goes back is the shared <see cref="DatagramPath"/>'s
    /// decision. ICMP errors from peers that went away surface as receive errors; they are skipped.
    /// </summary>
    internal sealed class EpollUdpListener : IEchoListener, ILoopHandler, IDatagramOutput
    {
        // Datagrams handled per readiness event before other descriptors get their turn.
        private const int DatagramsPerEvent = 64;

        private readonly Socket _socket;
        private readonly EventLoop _loop;
        private readonly DatagramPath _path;
        private readonly IServerEvents _events;
        private readonly RawPeer _peer = new RawPeer();
        private readonly int _fd;
        private long _token = -1;
        private bool _started;
        private volatile bool _stopped;

        public EpollUdpListener(IPEndPoint endPoint, EngineContext context)
        {
            _path = context.Datagrams;
            _events = context.Events;
            _socket = SocketBinding.Bind(endPoint, SocketType.Dgram, ProtocolType.Udp);
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint;
            _loop = EventLoop.Next();
            _fd = (int)_socket.Handle;
        }

        public IPEndPoint LocalEndPoint { get; }

        public void Start()
        {
            _started = true;
            _loop.Post(Register);
        }

        private void Register()
        {
            if (_stopped) return;
            _token = _loop.Register(_fd, EPOLLIN, this);
            if (_token < 0)
                _events.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, null, 0, "Cannot watch the UDP socket: errno " + Errno());
        }

        public void OnEvents(uint events)
        {
            var buffer = _loop.Buffer;
            var address = _loop.BufferAddress;
            for (int i = 0; i < DatagramsPerEvent && !_stopped; i++)
            {
                _peer.Reset();
                long n = (long)recvfrom(_fd, address, (IntPtr)EventLoop.BufferSize, MSG_DONTWAIT, _peer.Address, ref _peer.Length);
                if (n < 0)
                {
                    if (Errno() == EAGAIN) return;
                    continue; // EINTR, or an ICMP error from a peer that went away: skip it
                }
                var reply = _path.Received(buffer, (int)n, _peer, this);
                if (reply.Array == null) continue;
                long sent = reply.Array == buffer
                    ? (long)sendto(_fd, address + reply.Offset, (IntPtr)reply.Count, MSG_DONTWAIT | MSG_NOSIGNAL, _peer.Address, _peer.Length)
                    : SendArray(reply);
                if (sent < 0) _path.ReplyFailed(reply.Count, _peer, "errno " + Errno());
                else _path.Replied(reply.Count);
            }
        }

        private long SendArray(ArraySegment<byte> reply)
        {
            var handle = GCHandle.Alloc(reply.Array, GCHandleType.Pinned);
            try
            {
                return (long)sendto(_fd, handle.AddrOfPinnedObject() + reply.Offset, (IntPtr)reply.Count,
                    MSG_DONTWAIT | MSG_NOSIGNAL, _peer.Address, _peer.Length);
            }
            finally { handle.Free(); }
        }

        /// <summary>A later reply: posted to the loop, which alone touches the descriptor.</summary>
        public void SendTo(EndPoint remote, ArraySegment<byte> bytes)
        {
            if (_stopped) return;
            _loop.Post(() =>
            {
                if (_stopped || _token < 0) return;
                var raw = EncodeAddress((IPEndPoint)remote);
                var peer = new KnownPeer(remote);
                var handle = GCHandle.Alloc(bytes.Array, GCHandleType.Pinned);
                long sent;
                try
                {
                    sent = (long)sendto(_fd, handle.AddrOfPinnedObject() + bytes.Offset, (IntPtr)bytes.Count,
                        MSG_DONTWAIT | MSG_NOSIGNAL, raw, raw.Length);
                }
                finally { handle.Free(); }
                if (sent < 0) _path.ReplyFailed(bytes.Count, peer, "errno " + Errno());
                else _path.Replied(bytes.Count);
            });
        }

        /// <summary>Closes the socket; the port is free when this returns.</summary>
        public void Dispose()
        {
            _stopped = true;
            if (!_started || _loop.OnLoopThread)
            {
                CloseOnLoop();
                return;
            }
            // The loop thread may be inside recvfrom on this descriptor: let it close the socket.
            using (var closed = new ManualResetEventSlim())
            {
                _loop.Post(() => { CloseOnLoop(); closed.Set(); });
                if (!closed.Wait(5000)) _socket.Dispose();
            }
        }

        private void CloseOnLoop()
        {
            if (_token >= 0)
            {
                _loop.Unregister(_token, _fd);
                _token = -1;
            }
            _socket.Dispose();
        }
    }
}

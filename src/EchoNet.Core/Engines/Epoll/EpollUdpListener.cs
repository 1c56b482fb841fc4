using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// A UDP socket served by one <see cref="EventLoop"/>: recvmmsg and sendmmsg on the loop thread
    /// (<see cref="DatagramBatch"/>), the sender's address kept as raw bytes (no endpoint object per datagram unless a filter,
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
        private readonly RawPeer _failedPeer = new RawPeer();
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
            // recvmmsg and sendmmsg take and answer up to a batch of datagrams in one call each; each
            // datagram goes through the path in the loop's buffer, as one received alone would.
            var batch = _loop.Datagrams;
            var buffer = _loop.Buffer;
            for (int handled = 0; handled < DatagramsPerEvent && !_stopped;)
            {
                int n = batch.Receive(_fd);
                if (n < 0)
                {
                    if (Errno() == EAGAIN) return;
                    handled++;
                    continue; // EINTR, or an ICMP error from a peer that went away: skip it
                }
                for (int k = 0; k < n; k++)
                {
                    int length = batch.Take(k, buffer, _peer);
                    var reply = _path.Received(buffer, length, _peer, this);
                    if (reply.Array == null) continue;
                    bool unchanged = reply.Array == buffer && reply.Offset == 0 && reply.Count == length;
                    if (batch.Stage(k, reply, unchanged)) continue;
                    batch.Flush(_fd, _path, _failedPeer); // larger than a slot: after the replies before it
                    long sent = SendArray(reply);
                    if (sent < 0) _path.ReplyFailed(reply.Count, _peer, "errno " + Errno());
                    else _path.Replied(reply.Count);
                }
                batch.Flush(_fd, _path, _failedPeer);
                handled += n;
                if (n < DatagramBatch.Capacity) return; // the queue is empty
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
            // The loop thread may be inside recvmmsg on this descriptor: let it close the socket.
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

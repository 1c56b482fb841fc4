using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using static EchoNet.Server.EpollNative;

namespace EchoNet.Server
{
    /// <summary>
    /// One TCP client on a Linux <see cref="EventLoop"/>: echoes every byte it receives, in order
    /// (RFC 862). The loop accepted it itself (<see cref="EpollTcpAcceptor"/>) and owns the raw
    /// descriptor: no Socket object. When the socket is readable the loop thread receives into the
    /// loop's buffer and sends it straight back: two system calls per message, no thread hop,
    /// nothing held while idle. A send that would block parks the rest in a rented buffer and the
    /// connection stops reading until it has gone out (backpressure). The peer's FIN is read only
    /// after everything before it was echoed; then the descriptor is closed (which sends our FIN
    /// and drops the epoll entry). Only the loop thread touches the descriptor; <see cref="Close"/>
    /// from elsewhere posts the close to the loop, so a descriptor number is never used after it
    /// was closed and reused.
    /// </summary>
    internal sealed class EpollEchoConnection : IEchoConnection, ILoopHandler
    {
        // A few receives per readiness event: plenty for bulk data, fair to other connections.
        private const int ReceivesPerEvent = 4;

        private readonly TcpEchoListener _owner;
        private readonly EventLoop _loop;
        private readonly int _fd;
        private readonly long _packedRemote;
        private EndPoint _remote;
        private long _token = -1;
        private byte[] _pending;
        private int _pendingOffset;
        private int _pendingCount;
        private long _bytesEchoed;
        private long _lastActivity;
        private int _closeRequested;
        private bool _finished;

        /// <summary>
        /// <paramref name="packedRemote"/>: an IPv4 peer as <see cref="EpollNative.PackIPv4"/> packs it
        /// (the endpoint object is built only when someone asks), else -1 with <paramref name="remote"/> set.
        /// </summary>
        public EpollEchoConnection(TcpEchoListener owner, int fd, EventLoop loop, long packedRemote, EndPoint remote)
        {
            _owner = owner;
            _fd = fd;
            _loop = loop;
            _packedRemote = packedRemote;
            _remote = remote;
            _lastActivity = loop.Now;
        }

        public EndPoint RemoteEndPoint => _remote ?? (_remote = _packedRemote >= 0 ? UnpackIPv4(_packedRemote) : null);

        public long LastActivity => Volatile.Read(ref _lastActivity);

        /// <summary>Starts watching the descriptor; called on the loop thread right after accept.</summary>
        public void Start()
        {
            _token = _loop.Register(_fd, EPOLLIN, this);
            if (_token < 0) Finish(new SocketException(Errno()));
        }

        public void Close()
        {
            if (Interlocked.Exchange(ref _closeRequested, 1) != 0) return;
            _loop.Post(CloseOnLoop);
        }

        private void CloseOnLoop()
        {
            if (_finished) return;
            // An orderly FIN to the peer, as before, then release.
            shutdown(_fd, SHUT_RDWR);
            Finish(null);
        }

        public void OnEvents(uint events)
        {
            try
            {
                if (_pending != null)
                {
                    if (Flush() && !_finished) _loop.Modify(_token, _fd, EPOLLIN);
                    return;
                }
                ReceiveAndEcho();
            }
            catch (Exception e)
            {
                Finish(e);
            }
        }

        private void ReceiveAndEcho()
        {
            var buffer = _loop.BufferAddress;
            for (int turn = 0; turn < ReceivesPerEvent; turn++)
            {
                long n = (long)recv(_fd, buffer, (IntPtr)EventLoop.BufferSize, MSG_DONTWAIT);
                if (n < 0)
                {
                    int errno = Errno();
                    if (errno == EAGAIN) return;
                    if (errno == EINTR) continue;
                    Finish(null);
                    return;
                }
                if (n == 0)
                {
                    // The peer's FIN: all it sent before has been echoed and nothing is unread,
                    // so closing the descriptor ends our side with a FIN too.
                    Finish(null);
                    return;
                }
                int count = (int)n;
                int sent = SendFrom(buffer, count);
                if (sent < 0) { Finish(null); return; }
                if (sent < count)
                {
                    Park(count - sent, sent);
                    return;
                }
                if (count < EventLoop.BufferSize) return; // drained; level-triggered epoll reports any more
            }
        }

        /// <summary>Sends until done or the socket would block; returns bytes sent, or -1 on failure.</summary>
        private int SendFrom(IntPtr data, int count)
        {
            int sent = 0;
            while (sent < count)
            {
                long n = (long)send(_fd, data + sent, (IntPtr)(count - sent), MSG_DONTWAIT | MSG_NOSIGNAL);
                if (n < 0)
                {
                    int errno = Errno();
                    if (errno == EAGAIN) break;
                    if (errno == EINTR) continue;
                    return -1;
                }
                sent += (int)n;
            }
            if (sent > 0) Echoed(sent);
            return sent;
        }

        /// <summary>Keeps the unsent rest of the loop buffer and waits for the socket to drain.</summary>
        private void Park(int count, int offset)
        {
            _pending = ArrayPool<byte>.Shared.Rent(count);
            System.Buffer.BlockCopy(_loop.Buffer, offset, _pending, 0, count);
            _pendingOffset = 0;
            _pendingCount = count;
            if (!_loop.Modify(_token, _fd, EPOLLOUT)) Finish(new SocketException(Errno()));
        }

        /// <summary>Sends parked bytes; true once all are gone (the buffer is returned).</summary>
        private bool Flush()
        {
            var handle = GCHandle.Alloc(_pending, GCHandleType.Pinned);
            int sent;
            try { sent = SendFrom(handle.AddrOfPinnedObject() + _pendingOffset, _pendingCount); }
            finally { handle.Free(); }
            if (sent < 0) { Finish(null); return false; }
            _pendingOffset += sent;
            _pendingCount -= sent;
            if (_pendingCount > 0) return false;
            ReturnPending();
            return true;
        }

        private void Echoed(int bytes)
        {
            _bytesEchoed += bytes;
            _owner.Counters.Echoed(bytes);
            Volatile.Write(ref _lastActivity, _loop.Now);
        }

        private void ReturnPending()
        {
            var pending = _pending;
            if (pending == null) return;
            _pending = null;
            ArrayPool<byte>.Shared.Return(pending);
        }

        /// <summary>Releases everything once, on the loop thread.</summary>
        private void Finish(Exception error)
        {
            if (_finished) return;
            _finished = true;
            Interlocked.Exchange(ref _closeRequested, 1);
            _loop.Forget(_token); // close() below drops the epoll entry; no EPOLL_CTL_DEL needed
            _token = -1;
            ReturnPending();
            close(_fd);
            _owner.Remove(this, _bytesEchoed, error);
        }
    }
}

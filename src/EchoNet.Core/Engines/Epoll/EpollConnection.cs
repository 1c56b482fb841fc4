using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// One TCP client on a Linux <see cref="EventLoop"/>. The loop accepted it itself
    /// (<see cref="EpollTcpAcceptor"/>) and owns the raw descriptor: no Socket object. When the
    /// socket is readable the loop thread receives into the loop's buffer, hands the chunk to the
    /// session and sends its reply at once; for plain echo the reply is the loop's buffer itself:
    /// two system calls per message, no thread hop, no allocation, nothing held while idle. A send
    /// that would block parks the rest in a rented buffer and the connection stops reading until it
    /// has gone out (backpressure). The peer's FIN is read only after everything before it was
    /// answered; then the descriptor is closed (which sends our FIN and drops the epoll entry). Only
    /// the loop thread touches the descriptor; <see cref="EchoConnection.Close"/> from elsewhere
    /// posts the close to the loop, so a descriptor number is never used after it was closed and reused.
    /// Later sends (<see cref="IConnectionOutput"/>) from other threads are posted to the loop too,
    /// which sends them in order; while they or the session hold back, the descriptor is watched for
    /// nothing but errors (mask 0), so the kernel's buffers push back on the client.
    /// </summary>
    internal sealed class EpollConnection : EchoConnection, ILoopHandler
    {
        // A few receives per readiness event: plenty for bulk data, fair to other connections.
        private const int ReceivesPerEvent = 4;

        private readonly EventLoop _loop;
        private readonly int _fd;
        private readonly long _packedRemote;
        private EndPoint _remote;
        private long _token = -1;
        private byte[] _pending;
        private int _pendingOffset;
        private int _pendingCount;
        private bool _finished;
        /// <summary>True while the loop runs this connection's <see cref="OnEvents"/> (loop thread only).</summary>
        private bool _inEvents;
        private uint _mask = EPOLLIN;
        private readonly Action _drainLater;
        private readonly Action _resumeOnLoop;

        /// <summary>
        /// <paramref name="packedRemote"/>: an IPv4 peer as <see cref="EpollNative.PackIPv4"/> packs it
        /// (the endpoint object is built only when someone asks), else -1 with <paramref name="remote"/> set.
        /// </summary>
        public EpollConnection(ConnectionSet owner, int fd, EventLoop loop, long packedRemote, EndPoint remote)
            : base(owner, loop.Now)
        {
            _fd = fd;
            _loop = loop;
            _packedRemote = packedRemote;
            _remote = remote;
            _drainLater = DrainLater;
            _resumeOnLoop = ResumeOnLoop;
        }

        public override EndPoint RemoteEndPoint => _remote ?? (_remote = _packedRemote >= 0 ? UnpackIPv4(_packedRemote) : null);

        /// <summary>
        /// Asked from the acceptor's thread when the client is at its limit (the loop may not have
        /// served this connection's FIN yet, when accepts come first): a peek that finds the end
        /// of the stream, or an error, means the peer has closed. Never blocks; reads nothing.
        /// </summary>
        public override bool PeerClosed
        {
            get
            {
                if (Volatile.Read(ref _finished)) return true;
                long n = (long)recv(_fd, new byte[1], (IntPtr)1, MSG_PEEK | MSG_DONTWAIT);
                if (n >= 0) return n == 0;
                int errno = Errno();
                return errno != EAGAIN && errno != EINTR;
            }
        }

        /// <summary>Starts watching the descriptor; called on the loop thread right after accept.</summary>
        protected override void OnStart()
        {
            _token = _loop.Register(_fd, EPOLLIN, this);
            if (_token < 0) Finish(new SocketException(Errno()));
        }

        /// <summary>
        /// Reads at once, without waiting for epoll to report the socket readable (loop thread, right
        /// after accept): on loopback and fast links the client's first bytes, often its FIN too, are
        /// already there, and a short exchange is done without another turn of the loop.
        /// </summary>
        public void ReceiveNow()
        {
            if (!_finished && _token >= 0) OnEvents(EPOLLIN);
        }

        protected override void OnClose() => _loop.Post(CloseOnLoop);

        private void CloseOnLoop()
        {
            if (_finished) return;
            // An orderly FIN to the peer, then release; or an RST when a reset was asked for.
            if (ResetRequested) SetLingerZero(_fd);
            else shutdown(_fd, SHUT_RDWR);
            Finish(null);
        }

        public void OnEvents(uint events)
        {
            _inEvents = true;
            try
            {
                if (_pending != null)
                {
                    if (!Flush()) return;
                    DrainLater(); // parked later sends go on (nothing to do when none wait)
                    if (!_finished && _pending == null) UpdateMask();
                    return;
                }
                if (ReceivePaused)
                {
                    // Watched for nothing: only a hang-up or an error can wake us here.
                    if ((events & (EPOLLHUP | EPOLLERR)) != 0) Finish(null);
                    else UpdateMask();
                    return;
                }
                ReceiveAndAnswer();
            }
            catch (Exception e)
            {
                Finish(e);
            }
            finally
            {
                _inEvents = false;
            }
        }

        private void ReceiveAndAnswer()
        {
            var buffer = _loop.Buffer;
            var address = _loop.BufferAddress;
            for (int turn = 0; turn < ReceivesPerEvent; turn++)
            {
                if (ReceivePaused) { UpdateMask(); return; }
                long n = (long)recv(_fd, address, (IntPtr)EventLoop.BufferSize, MSG_DONTWAIT);
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
                    // The session still sends (a delay, a relay): read nothing more, it closes later.
                    if (PeerFinished()) { UpdateMask(); return; }
                    // The peer's FIN: all it sent before has been answered and nothing is unread,
                    // so closing the descriptor ends our side with a FIN too.
                    Finish(null);
                    return;
                }
                int count = (int)n;
                Touch(_loop.Now);
                var reply = Session.Received(buffer, count);
                if (reply.Count > 0)
                {
                    int sent = reply.Array == buffer ? SendFrom(address + reply.Offset, reply.Count) : SendArray(reply.Array, reply.Offset, reply.Count);
                    if (sent < 0) { Finish(null); return; }
                    if (sent < reply.Count)
                    {
                        Park(reply.Array, reply.Offset + sent, reply.Count - sent);
                        if (Session.Ended) CloseOnLoop();
                        return;
                    }
                }
                if (Session.Ended) { CloseOnLoop(); return; }
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
            if (sent > 0) Sent(sent, _loop.Now);
            return sent;
        }

        /// <summary><see cref="SendFrom"/> for a managed array (a reply of the session's own, or parked bytes).</summary>
        private int SendArray(byte[] data, int offset, int count)
        {
            var handle = GCHandle.Alloc(data, GCHandleType.Pinned);
            try { return SendFrom(handle.AddrOfPinnedObject() + offset, count); }
            finally { handle.Free(); }
        }

        /// <summary>Keeps the unsent rest of a reply and waits for the socket to drain.</summary>
        private void Park(byte[] data, int offset, int count)
        {
            _pending = ArrayPool<byte>.Shared.Rent(count);
            Buffer.BlockCopy(data, offset, _pending, 0, count);
            _pendingOffset = 0;
            _pendingCount = count;
            UpdateMask();
        }

        /// <summary>Watches for what the connection can use now: room to send, bytes to read, or neither.</summary>
        private void UpdateMask()
        {
            uint wanted = _pending != null ? EPOLLOUT : ReceivePaused ? 0u : EPOLLIN;
            if (wanted == _mask || _finished) return;
            if (!_loop.Modify(_token, _fd, wanted)) { Finish(new SocketException(Errno())); return; }
            _mask = wanted;
        }

        /// <summary>
        /// Drained at once when sent from the loop thread outside this connection's own events (a
        /// relay's upstream chunk, read on this loop); otherwise posted to the loop.
        /// </summary>
        protected override void OnDrainLater()
        {
            if (!_inEvents && _token >= 0 && _loop.OnLoopThread) DrainLater();
            else _loop.Post(_drainLater);
        }

        /// <summary>The socket is watched on this connection's loop, so the session hears of both on one thread.</summary>
        public override IWatchedSocket Watch(Socket socket, ISocketReadiness readiness) => new EpollWatchedSocket(_loop, socket, readiness);

        protected override void OnResumeReceiving() => _loop.Post(_resumeOnLoop);

        private void ResumeOnLoop()
        {
            if (!_finished && _pending == null) UpdateMask();
        }

        /// <summary>On the loop thread: sends later bytes in order until none are left or the socket would block.</summary>
        private void DrainLater()
        {
            if (_finished || _pending != null) return; // finished: dropped; parked: the flush calls again
            do
            {
                while (TryTakeLater(out var bytes))
                {
                    if (IsEndMarker(bytes)) { CloseOnLoop(); return; }
                    int sent = SendArray(bytes.Array, bytes.Offset, bytes.Count);
                    if (sent < 0) { Finish(null); return; }
                    if (sent < bytes.Count)
                    {
                        Park(bytes.Array, bytes.Offset + sent, bytes.Count - sent);
                        LaterSent(bytes.Count); // parked as a copy: no longer queued
                        return;
                    }
                    LaterSent(bytes.Count);
                }
            } while (!LaterIdle());
            UpdateMask();
        }

        /// <summary>Sends parked bytes; true once all are gone (the buffer is returned).</summary>
        private bool Flush()
        {
            int sent = SendArray(_pending, _pendingOffset, _pendingCount);
            if (sent < 0) { Finish(null); return false; }
            _pendingOffset += sent;
            _pendingCount -= sent;
            if (_pendingCount > 0) return false;
            ReturnPending();
            return true;
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
            BeginFinish();
            MarkCloseRequested();
            _loop.Forget(_token); // close() below drops the epoll entry; no EPOLL_CTL_DEL needed
            _token = -1;
            // The descriptor first: whatever fails after it, level-triggered epoll must not keep
            // reporting a connection nobody serves.
            close(_fd);
            try { ReturnPending(); }
            finally { Finished(error); }
        }
    }
}

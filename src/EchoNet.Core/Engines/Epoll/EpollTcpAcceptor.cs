using System;
using System.Threading;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// A listening socket watched by one <see cref="EventLoop"/>: when it is readable the loop thread
    /// calls accept4 itself (non-blocking, close-on-exec, the peer's address in the same call) until
    /// the queue is empty or a batch is done, and hands each descriptor to the listener, which
    /// registers its connection on this same loop. No Socket object, no thread-pool hop, no wake-up
    /// of another thread per connection. Every loop watches the socket (EPOLLEXCLUSIVE: one loop
    /// is woken per connection), so connections spread over the loops.
    /// </summary>
    internal sealed class EpollTcpAcceptor : ILoopHandler
    {
        // Accepts per readiness event: enough to drain a burst, fair to the loop's connections.
        private const int AcceptsPerEvent = 64;

        private readonly EpollTcpListener _owner;
        private readonly EventLoop _loop;
        private readonly int _fd;
        private readonly RawPeer _peer = new RawPeer();
        private readonly AcceptBackoff _backoff = new AcceptBackoff();
        private long _token = -1;
        private Timer _retry;
        private bool _closed;

        public EpollTcpAcceptor(EpollTcpListener owner, int fd, EventLoop loop)
        {
            _owner = owner;
            _fd = fd;
            _loop = loop;
        }

        public EventLoop Loop => _loop;

        /// <summary>Starts watching the listening socket (loop thread only).</summary>
        public void Register()
        {
            if (_closed || _token >= 0) return;
            _token = _loop.Register(_fd, EPOLLIN | EPOLLEXCLUSIVE, this);
            if (_token < 0)
                _owner.WatchFailed("Cannot watch the listening socket: errno " + Errno());
        }

        /// <summary>Stops watching (loop thread only); afterwards this loop never touches the descriptor.</summary>
        public void Unregister()
        {
            _closed = true;
            _retry?.Dispose();
            _retry = null;
            _loop.Unregister(_token, _fd);
            _token = -1;
        }

        public void OnEvents(uint events)
        {
            for (int i = 0; i < AcceptsPerEvent && !_closed; i++)
            {
                _peer.Reset();
                int fd = accept4(_fd, _peer.Address, ref _peer.Length, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0)
                {
                    int errno = Errno();
                    if (errno == EAGAIN) return;
                    if (errno == EINTR || errno == ECONNABORTED) continue; // a client that reset before it was accepted
                    // Out of descriptors or memory: count and report it, stop watching for a while
                    // (level-triggered epoll would report the same queue again at once), then watch
                    // again; the pause grows while accept keeps failing.
                    int delay = _backoff.Failed();
                    _owner.AcceptFailed($"Accept failed: errno {errno}; trying again in {delay} ms.");
                    _loop.Unregister(_token, _fd);
                    _token = -1;
                    _retry?.Dispose();
                    _retry = new Timer(_ => _loop.Post(Register), null, delay, Timeout.Infinite);
                    return;
                }
                if (_backoff.Failing) _backoff.Succeeded();
                _owner.Admit(fd, _peer, _loop);
            }
        }
    }
}

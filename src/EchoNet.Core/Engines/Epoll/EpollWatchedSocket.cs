using System;
using System.Net.Sockets;
using System.Threading;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// A session's own socket (a relay's upstream) on the loop of the connection it belongs to:
    /// readiness reaches the session on the loop thread, where the connection's own events do.
    /// It is in the epoll set only while the session wants something: a socket that is finished
    /// both ways reports a hang-up even to an empty mask, which level-triggered epoll would repeat.
    /// </summary>
    internal sealed class EpollWatchedSocket : IWatchedSocket, ILoopHandler
    {
        private readonly EventLoop _loop;
        private readonly int _fd;
        private readonly ISocketReadiness _readiness;
        private readonly Action _apply;
        private int _wanted;          // any thread: the mask asked for last (EPOLLIN or 0)
        private volatile bool _unwatched;
        private long _token = -1;     // loop thread only, as is _mask
        private uint _mask;

        public EpollWatchedSocket(EventLoop loop, Socket socket, ISocketReadiness readiness)
        {
            _loop = loop;
            _fd = (int)socket.Handle;
            _readiness = readiness;
            _apply = Apply;
        }

        public void WantRead(bool want)
        {
            Volatile.Write(ref _wanted, want ? (int)EPOLLIN : 0);
            if (_loop.OnLoopThread) Apply();
            else _loop.Post(_apply);
        }

        /// <summary>On the loop thread: the epoll set follows what is wanted now.</summary>
        private void Apply()
        {
            if (_unwatched) return;
            uint wanted = (uint)Volatile.Read(ref _wanted);
            if (wanted == _mask) return;
            if (wanted == 0)
            {
                _loop.Unregister(_token, _fd);
                _token = -1;
            }
            else if (_token < 0 ? (_token = _loop.Register(_fd, wanted, this)) < 0 : !_loop.Modify(_token, _fd, wanted))
            {
                int error = Errno();
                _unwatched = true;
                _loop.Unregister(_token, _fd);
                _token = -1;
                _mask = 0;
                _readiness.WatchFailed(error);
                return;
            }
            _mask = wanted;
        }

        public void Unwatch()
        {
            _unwatched = true;
            if (_loop.OnLoopThread) Drop(withDelete: true);
            // Elsewhere the caller closes the socket next, which takes it out of the epoll set:
            // deleting by number later could hit a descriptor reused meanwhile.
            else _loop.Post(() => Drop(withDelete: false));
        }

        private void Drop(bool withDelete)
        {
            if (_token < 0) return;
            if (withDelete) _loop.Unregister(_token, _fd);
            else _loop.Forget(_token);
            _token = -1;
            _mask = 0;
        }

        /// <summary>Readable, a hang-up or an error: the session's read finds out which.</summary>
        public void OnEvents(uint events)
        {
            if (!_unwatched) _readiness.Readable();
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace EchoNet.Engines.Epoll
{
    /// <summary>Something registered with an <see cref="EventLoop"/>; called on the loop's thread only.</summary>
    internal interface ILoopHandler
    {
        void OnEvents(uint events);
    }

    /// <summary>
    /// A Linux epoll loop on a dedicated thread that does the socket I/O itself: readiness and the
    /// receive/send happen on the same thread, with no hop to the thread pool, no zero-byte
    /// receive, and no buffer per connection (one pinned buffer per loop, used only while a
    /// handler runs). Level-triggered, so a handler may leave data for the next turn.
    /// Other threads talk to the loop only through <see cref="Post"/> (a queue plus an eventfd
    /// wake-up); registration, changes and descriptor closing all happen on the loop thread.
    /// Where it cannot run, <c>EchoEngines</c> (Server/) picks the portable engine instead.
    /// </summary>
    internal sealed class EventLoop
    {
        public const int BufferSize = 64 * 1024;
        private const int MaxEvents = 256;
        private const ulong WakeToken = ulong.MaxValue;
        private static readonly byte[] WakeOne = { 1, 0, 0, 0, 0, 0, 0, 0 };

        private static readonly Lazy<EventLoop[]> Loops = new Lazy<EventLoop[]>(CreateLoops);
        private static int _nextLoop;

        private readonly int _epfd;
        private readonly int _wakeFd;
        private readonly ConcurrentQueue<Action> _work = new ConcurrentQueue<Action>();
        private readonly byte[] _wakeBytes = new byte[8];
        private readonly byte[] _scratch = new byte[EpollNative.EventSize];
        private readonly Stack<int> _freeSlots = new Stack<int>();
        private ILoopHandler[] _handlers = new ILoopHandler[64];
        private uint[] _generations = new uint[64];
        private int _slotCount;
        private int _wakePending;
        private Thread _thread;

        /// <summary>True on Linux x64/arm64 with libc's epoll: whether this engine can run here at all.</summary>
        public static bool IsSupported { get; } = Detect();

        /// <summary>Every loop (a listening socket is watched by all of them).</summary>
        public static EventLoop[] All => Loops.Value;

        /// <summary>The loops, one per two cores (at most four), chosen round-robin.</summary>
        public static EventLoop Next()
        {
            var loops = Loops.Value;
            return loops[(int)((uint)Interlocked.Increment(ref _nextLoop) % (uint)loops.Length)];
        }

        private EventLoop(int index)
        {
            _epfd = EpollNative.epoll_create1(EpollNative.EPOLL_CLOEXEC);
            if (_epfd < 0) throw new InvalidOperationException("epoll_create1 failed: errno " + EpollNative.Errno());
            _wakeFd = EpollNative.eventfd(0, EpollNative.EFD_NONBLOCK | EpollNative.EFD_CLOEXEC);
            if (_wakeFd < 0) throw new InvalidOperationException("eventfd failed: errno " + EpollNative.Errno());
            if (EpollNative.Control(_epfd, EpollNative.EPOLL_CTL_ADD, _wakeFd, EpollNative.EPOLLIN, WakeToken, _scratch) != 0)
                throw new InvalidOperationException("epoll_ctl failed: errno " + EpollNative.Errno());
            Buffer = new byte[BufferSize];
            BufferAddress = GCHandle.Alloc(Buffer, GCHandleType.Pinned).AddrOfPinnedObject();
            _thread = new Thread(Run) { IsBackground = true, Name = "EchoNet event loop " + index };
            _thread.Start();
        }

        /// <summary>The loop's I/O buffer, pinned for the life of the process; valid only inside a handler call.</summary>
        public byte[] Buffer { get; }
        public IntPtr BufferAddress { get; }

        /// <summary>The loop's room for UDP batches, made when a UDP socket first needs it (loop thread only).</summary>
        public DatagramBatch Datagrams => _datagrams ?? (_datagrams = new DatagramBatch());
        private DatagramBatch _datagrams;

        /// <summary>Stopwatch timestamp taken when the current batch of events arrived.</summary>
        public long Now { get; private set; } = Stopwatch.GetTimestamp();

        public bool OnLoopThread => Thread.CurrentThread == _thread;

        private static bool Detect()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return false;
            var arch = RuntimeInformation.ProcessArchitecture;
            if (arch != Architecture.X64 && arch != Architecture.Arm64) return false;
            try
            {
                int fd = EpollNative.epoll_create1(EpollNative.EPOLL_CLOEXEC);
                if (fd < 0) return false;
                EpollNative.Control(fd, EpollNative.EPOLL_CTL_DEL, fd, 0, 0, new byte[EpollNative.EventSize]); // binds the entry point
                EpollNative.close(fd);
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return false;
            }
        }

        private static EventLoop[] CreateLoops()
        {
            int count = Math.Max(1, Math.Min(4, Environment.ProcessorCount / 2));
            var loops = new EventLoop[count];
            for (int i = 0; i < count; i++) loops[i] = new EventLoop(i);
            return loops;
        }

        /// <summary>Runs <paramref name="action"/> on the loop thread (soon, in order).</summary>
        public void Post(Action action)
        {
            _work.Enqueue(action);
            if (Interlocked.Exchange(ref _wakePending, 1) == 0)
            {
                EpollNative.write(_wakeFd, WakeOne, (IntPtr)8);
            }
        }

        /// <summary>Adds a descriptor (loop thread only); returns its token, or -1 with errno.</summary>
        public long Register(int fd, uint mask, ILoopHandler handler)
        {
            int slot;
            if (_freeSlots.Count > 0) slot = _freeSlots.Pop();
            else
            {
                if (_slotCount == _handlers.Length)
                {
                    Array.Resize(ref _handlers, _handlers.Length * 2);
                    Array.Resize(ref _generations, _generations.Length * 2);
                }
                slot = _slotCount++;
            }
            ulong token = ((ulong)_generations[slot] << 32) | (uint)slot;
            if (EpollNative.Control(_epfd, EpollNative.EPOLL_CTL_ADD, fd, mask, token, _scratch) != 0)
            {
                _freeSlots.Push(slot);
                return -1;
            }
            _handlers[slot] = handler;
            return (long)token;
        }

        public bool Modify(long token, int fd, uint mask)
        {
            return EpollNative.Control(_epfd, EpollNative.EPOLL_CTL_MOD, fd, mask, (ulong)token, _scratch) == 0;
        }

        /// <summary>Removes a descriptor (loop thread only); call before closing it.</summary>
        public void Unregister(long token, int fd)
        {
            if (token < 0) return;
            EpollNative.Control(_epfd, EpollNative.EPOLL_CTL_DEL, fd, 0, 0, _scratch);
            Forget(token);
        }

        /// <summary>
        /// Frees a handler's slot without telling epoll (loop thread only): for a descriptor this loop
        /// closes right away, since closing the only reference to a socket drops its epoll entry.
        /// Any event still queued for the token is ignored (the slot's generation moves on).
        /// </summary>
        public void Forget(long token)
        {
            if (token < 0) return;
            int slot = (int)(uint)token;
            _handlers[slot] = null;
            _generations[slot]++;
            _freeSlots.Push(slot);
        }

        private void Run()
        {
            var events = new byte[MaxEvents * EpollNative.EventSize];
            while (true)
            {
                int n = EpollNative.epoll_wait(_epfd, events, MaxEvents, -1);
                if (n < 0)
                {
                    if (EpollNative.Errno() != EpollNative.EINTR) Thread.Sleep(1);
                    continue;
                }
                Now = Stopwatch.GetTimestamp();
                for (int i = 0; i < n; i++)
                {
                    ulong data = EpollNative.EventData(events, i);
                    if (data == WakeToken)
                    {
                        RunPosted();
                        continue;
                    }
                    int slot = (int)(uint)data;
                    if (slot >= _slotCount || _generations[slot] != (uint)(data >> 32)) continue; // closed earlier in this batch
                    var handler = _handlers[slot];
                    if (handler == null) continue;
                    try { handler.OnEvents(EpollNative.EventMask(events, i)); }
                    catch (Exception) { /* handlers end their own connection on failure; the loop must live on */ }
                }
            }
        }

        private void RunPosted()
        {
            EpollNative.read(_wakeFd, _wakeBytes, (IntPtr)8);
            Volatile.Write(ref _wakePending, 0);
            while (_work.TryDequeue(out var action))
            {
                try { action(); }
                catch (Exception) { /* posted work handles its own failures */ }
            }
        }
    }
}

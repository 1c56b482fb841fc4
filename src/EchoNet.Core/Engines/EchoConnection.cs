using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading;

namespace EchoNet.Engines
{
    /// <summary>
    /// A served TCP client, whatever the engine: the bookkeeping every connection shares (bytes
    /// sent back, last activity for the idle sweep, close requested once, finished once, reported
    /// to its <see cref="ConnectionSet"/>) and its <see cref="StreamSession"/>, which decides what
    /// goes back. Engines subclass it for the socket work only. It is also the connection's
    /// <see cref="IConnectionOutput"/>: the queue of later sends lives here once; each engine only
    /// drains it on its own terms (<see cref="OnDrainLater"/>) and re-checks reading on
    /// <see cref="OnResumeReceiving"/>.
    /// </summary>
    internal abstract class EchoConnection : IConnectionOutput
    {
        /// <summary>Bytes queued by <see cref="Send"/> and not yet sent above which the connection stops reading.</summary>
        public const int LaterBytesLimit = 256 * 1024;

        private readonly ConcurrentQueue<LaterBytes> _later = new ConcurrentQueue<LaterBytes>();
        private long _laterBytes;
        /// <summary>The rented array of the segment the drainer took last (returned by <see cref="LaterSent"/>), or null.</summary>
        private byte[] _takenRented;
        private int _drainScheduled;
        private readonly ConnectionSet _owner;
        private long _bytesEchoed;
        private long _lastActivity;
        private int _closeRequested;
        private int _finished;
        private int _clientSlotReleased;
        private int _resetRequested;
        private int _inputEnded;

        /// <summary>The queued marker for <see cref="ResetWhenSent"/> (a close marker is a null array).</summary>
        private static readonly byte[] ResetMarker = new byte[0];

        protected EchoConnection(ConnectionSet owner, long now)
        {
            _owner = owner;
            _lastActivity = now;
            Id = owner.Context.NextConnectionId();
        }

        /// <summary>The server's number for this connection, as its events show it.</summary>
        public long Id { get; }

        public abstract EndPoint RemoteEndPoint { get; }

        public int RemotePort => (RemoteEndPoint as IPEndPoint)?.Port ?? -1;

        public long AddressKey => RemotePeers.AddressKeyOf(RemoteEndPoint);

        /// <summary>Stopwatch timestamp of the last byte in or out; the idle sweep reads it.</summary>
        public long LastActivity => Volatile.Read(ref _lastActivity);

        /// <summary>Bytes sent back so far.</summary>
        public long BytesEchoed => Volatile.Read(ref _bytesEchoed);

        /// <summary>What this connection is for; opened by <see cref="Start"/>'s caller before any byte arrives.</summary>
        protected StreamSession Session { get; private set; }

        protected bool CloseRequested => Volatile.Read(ref _closeRequested) != 0;

        /// <summary>Opens the session, then lets the engine start receiving.</summary>
        public void Start()
        {
            Session = _owner.Context.Service.OpenStream(this);
            OnStart();
        }

        protected abstract void OnStart();

        /// <summary>
        /// <see cref="Start"/> for a thread-pool work item, where an exception would end the
        /// process: a connection that cannot start is closed and reported instead.
        /// </summary>
        public void StartSafely()
        {
            try { Start(); }
            catch (Exception e)
            {
                try { Close(); } catch (Exception) { /* closing is best effort here */ }
                if (BeginFinish()) Finished(e);
            }
        }

        /// <summary>Ends the connection from any thread, once; the connection then reports to its set.</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closeRequested, 1) != 0) return;
            OnClose();
        }

        protected abstract void OnClose();

        /// <summary>Ends the connection with an RST from any thread: the engine's close sees <see cref="ResetRequested"/>.</summary>
        public void Reset()
        {
            Interlocked.Exchange(ref _resetRequested, 1);
            Close();
        }

        /// <summary>True when the connection is to end with an RST (SO_LINGER 0) instead of a FIN.</summary>
        protected bool ResetRequested => Volatile.Read(ref _resetRequested) != 0;

        /// <summary>
        /// The peer's FIN arrived: true when the session keeps the connection open to send what it
        /// still has (reading stops for good; the session closes it), false when the engine closes now.
        /// </summary>
        protected bool PeerFinished()
        {
            if (Session == null || !Session.InputEnded()) return false;
            Interlocked.Exchange(ref _inputEnded, 1);
            return true;
        }

        /// <summary>From the driving thread: a later <see cref="Close"/> has nothing left to do.</summary>
        protected void MarkCloseRequested() => Interlocked.Exchange(ref _closeRequested, 1);

        protected void Touch(long now) => Volatile.Write(ref _lastActivity, now);

        protected void Touch() => Touch(Stopwatch.GetTimestamp());

        /// <summary>Bytes went back to the client: count them here and in the server's counters.</summary>
        protected void Sent(int bytes, long now)
        {
            Interlocked.Add(ref _bytesEchoed, bytes);
            _owner.Context.Counters.Echoed(bytes);
            Volatile.Write(ref _lastActivity, now);
        }

        /// <summary>
        /// Whether the peer has closed its side (its FIN or a reset is waiting), which the engine
        /// may not have served yet: the connection is on its way out and no longer holds a place
        /// under -MaxConnectionsPerClient. False where an engine cannot tell without serving it.
        /// </summary>
        public virtual bool PeerClosed => false;

        /// <summary>True the first time only: the caller then gives back this connection's place under its client's limit.</summary>
        public bool TakeClientSlot() => Interlocked.Exchange(ref _clientSlotReleased, 1) == 0;

        /// <summary>True the first time only: the caller then releases its resources and calls <see cref="Finished"/>.</summary>
        protected bool BeginFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

        protected void Finished(Exception error)
        {
            try { Session?.Closed(); }
            catch (Exception) { /* a session's clean-up must not keep the connection counted in */ }
            finally { _owner.Remove(this, error); }
        }

        // ---- The later reply path (IConnectionOutput) ----

        public void Send(ArraySegment<byte> bytes) => Queue(bytes, rented: false);

        public void SendRented(ArraySegment<byte> bytes) => Queue(bytes, rented: true);

        private void Queue(ArraySegment<byte> bytes, bool rented)
        {
            if (bytes.Array == null || bytes.Count == 0) return;
            Interlocked.Add(ref _laterBytes, bytes.Count);
            _later.Enqueue(new LaterBytes(bytes, rented));
            ScheduleDrain();
        }

        /// <summary>A segment with a null array in the queue means "close here".</summary>
        public void CloseWhenSent()
        {
            _later.Enqueue(default);
            ScheduleDrain();
        }

        public void ResetWhenSent()
        {
            _later.Enqueue(new LaterBytes(new ArraySegment<byte>(ResetMarker), rented: false));
            ScheduleDrain();
        }

        /// <summary>
        /// A queued segment that ends the connection (close, or reset: then <see cref="ResetRequested"/>
        /// is set before this returns); the engine closes instead of sending.
        /// </summary>
        protected bool IsEndMarker(ArraySegment<byte> bytes)
        {
            if (bytes.Array == null) return true;
            if (!ReferenceEquals(bytes.Array, ResetMarker)) return false;
            Interlocked.Exchange(ref _resetRequested, 1);
            return true;
        }

        public void ResumeReceiving()
        {
            if (!ReceivePaused) OnResumeReceiving();
        }

        private void ScheduleDrain()
        {
            if (Interlocked.Exchange(ref _drainScheduled, 1) == 0) OnDrainLater();
        }

        /// <summary>
        /// Later sends are waiting and no drain is scheduled: the engine drains them (with
        /// <see cref="TryTakeLater"/>) on its own thread, until the queue is empty or the socket
        /// would block, then calls <see cref="LaterIdle"/>. Called by whichever thread sent.
        /// </summary>
        protected abstract void OnDrainLater();

        /// <summary>Reading may go on again: the engine re-checks <see cref="ReceivePaused"/> on its own thread.</summary>
        protected abstract void OnResumeReceiving();

        /// <summary>
        /// The next later send in order; an end marker (<see cref="IsEndMarker"/>) means close the
        /// connection now. The engine reads the segment until it calls <see cref="LaterSent"/>.
        /// </summary>
        protected bool TryTakeLater(out ArraySegment<byte> bytes)
        {
            if (!_later.TryDequeue(out var taken)) { bytes = default; return false; }
            bytes = taken.Bytes;
            _takenRented = taken.Rented ? taken.Bytes.Array : null;
            return true;
        }

        /// <summary>
        /// The drainer found the queue empty: true when the connection is idle, false when more came
        /// meanwhile and the caller must drain again (it still holds the drain).
        /// </summary>
        protected bool LaterIdle()
        {
            Volatile.Write(ref _drainScheduled, 0);
            return _later.IsEmpty || Interlocked.Exchange(ref _drainScheduled, 1) != 0;
        }

        /// <summary>
        /// The segment taken last is done with (sent, or copied aside): a rented array goes back to
        /// its pool; the bytes are counted out, and reading resumes once the backlog is small again.
        /// </summary>
        protected void LaterSent(int bytes)
        {
            var rented = _takenRented;
            if (rented != null)
            {
                _takenRented = null;
                ArrayPool<byte>.Shared.Return(rented);
            }
            long left = Interlocked.Add(ref _laterBytes, -bytes);
            if (left > LaterBytesLimit || left + bytes <= LaterBytesLimit) return;
            Session?.OutputReady();
            ResumeReceiving();
        }

        public bool IsBacklogged => Volatile.Read(ref _laterBytes) > LaterBytesLimit;

        /// <summary>No engine watches other sockets unless it says so (the epoll engine does).</summary>
        public virtual IWatchedSocket Watch(System.Net.Sockets.Socket socket, ISocketReadiness readiness) => null;

        /// <summary>A queued later send: the bytes, and whether their array goes back to the pool once sent.</summary>
        private readonly struct LaterBytes
        {
            public LaterBytes(ArraySegment<byte> bytes, bool rented)
            {
                Bytes = bytes;
                Rented = rented;
            }

            public ArraySegment<byte> Bytes { get; }
            public bool Rented { get; }
        }

        /// <summary>True while the engine must not read: too many later bytes wait, or the session holds its input.</summary>
        protected bool ReceivePaused =>
            IsBacklogged || Volatile.Read(ref _inputEnded) != 0 || (Session != null && Session.HoldsInput);
    }
}

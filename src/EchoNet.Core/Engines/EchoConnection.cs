using System;
using System.Diagnostics;
using System.Net;
using System.Threading;

namespace EchoNet.Engines
{
    /// <summary>
    /// A served TCP client, whatever the engine: the bookkeeping every connection shares (bytes
    /// sent back, last activity for the idle sweep, close requested once, finished once, reported
    /// to its <see cref="ConnectionSet"/>) and its <see cref="StreamSession"/>, which decides what
    /// goes back. Engines subclass it for the socket work only.
    /// </summary>
    internal abstract class EchoConnection : IRemotePeer
    {
        private readonly ConnectionSet _owner;
        private long _bytesEchoed;
        private long _lastActivity;
        private int _closeRequested;
        private int _finished;
        private int _clientSlotReleased;

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

        /// <summary>Bytes sent back so far (written by the driving thread only).</summary>
        public long BytesEchoed => _bytesEchoed;

        /// <summary>What this connection is for; opened by <see cref="Start"/>'s caller before any byte arrives.</summary>
        protected StreamSession Session { get; private set; }

        protected bool CloseRequested => Volatile.Read(ref _closeRequested) != 0;

        /// <summary>Opens the session, then lets the engine start receiving.</summary>
        public void Start()
        {
            Session = _owner.Context.Service.OpenStream(Id, this);
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

        /// <summary>From the driving thread: a later <see cref="Close"/> has nothing left to do.</summary>
        protected void MarkCloseRequested() => Interlocked.Exchange(ref _closeRequested, 1);

        protected void Touch(long now) => Volatile.Write(ref _lastActivity, now);

        protected void Touch() => Touch(Stopwatch.GetTimestamp());

        /// <summary>Bytes went back to the client: count them here and in the server's counters.</summary>
        protected void Sent(int bytes, long now)
        {
            _bytesEchoed += bytes;
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

        protected void Finished(Exception error) => _owner.Remove(this, error);
    }
}

using System.Threading;

namespace EchoNet.Server
{
    /// <summary>Live counters shared by a server's listeners; updated lock-free from socket threads.</summary>
    public sealed class ServerCounters
    {
        private long _connectionsAccepted;
        private long _activeConnections;
        private long _connectionsRefused;
        private long _bytesEchoed;
        private long _datagramsEchoed;
        private long _clientsDenied;
        private long _datagramsDropped;
        private long _linesTooLong;
        private long _acceptFailures;
        private long _requests;
        private long _responderErrors;
        private long _responderTimeouts;
        private long _bytesDelayed;
        private long _bytesBlackholed;
        private long _connectionsReset;
        private long _connectionsCut;
        private long _datagramsLost;
        private long _datagramsDuplicated;
        private long _datagramsReordered;

        public long ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);
        public long ActiveConnections => Volatile.Read(ref _activeConnections);
        public long ConnectionsRefused => Volatile.Read(ref _connectionsRefused);
        public long BytesEchoed => Volatile.Read(ref _bytesEchoed);
        public long DatagramsEchoed => Volatile.Read(ref _datagramsEchoed);

        /// <summary>TCP connections closed and UDP datagrams dropped by the allow/deny lists.</summary>
        public long ClientsDenied => Volatile.Read(ref _clientsDenied);

        /// <summary>UDP datagrams not answered by the loop guard or the per-source rate limit.</summary>
        public long DatagramsDropped => Volatile.Read(ref _datagramsDropped);

        /// <summary>TCP connections closed because a -Terminator line grew past -MaxLineLength.</summary>
        public long LinesTooLong => Volatile.Read(ref _linesTooLong);

        /// <summary>Accepts that failed for want of descriptors or memory (each followed by a back-off pause).</summary>
        public long AcceptFailures => Volatile.Read(ref _acceptFailures);

        /// <summary>Requests a responder answered (or chose not to answer), failures and timeouts excluded.</summary>
        public long Requests => Volatile.Read(ref _requests);

        /// <summary>Requests whose responder threw: no reply, an Error event.</summary>
        public long ResponderErrors => Volatile.Read(ref _responderErrors);

        /// <summary>Responders stopped for running past -ResponderTimeout (their connection closed).</summary>
        public long ResponderTimeouts => Volatile.Read(ref _responderTimeouts);

        /// <summary>Bytes (TCP chunks, UDP replies) held back by -Latency.</summary>
        public long BytesDelayed => Volatile.Read(ref _bytesDelayed);

        /// <summary>Bytes swallowed by -Blackhole.</summary>
        public long BytesBlackholed => Volatile.Read(ref _bytesBlackholed);

        /// <summary>TCP connections reset on purpose: -ResetAfter, -Down, a relay carrying a reset.</summary>
        public long ConnectionsReset => Volatile.Read(ref _connectionsReset);

        /// <summary>TCP connections closed by -LimitData.</summary>
        public long ConnectionsCut => Volatile.Read(ref _connectionsCut);

        /// <summary>UDP datagrams dropped on purpose (-DropRate, -Blackhole).</summary>
        public long DatagramsLost => Volatile.Read(ref _datagramsLost);

        /// <summary>UDP datagrams sent twice (-DuplicateRate).</summary>
        public long DatagramsDuplicated => Volatile.Read(ref _datagramsDuplicated);

        /// <summary>UDP datagrams held back behind the next one (-ReorderRate).</summary>
        public long DatagramsReordered => Volatile.Read(ref _datagramsReordered);

        public void FaultDelayed(long bytes) => Interlocked.Add(ref _bytesDelayed, bytes);
        public void FaultBlackholed(long bytes) => Interlocked.Add(ref _bytesBlackholed, bytes);
        public void FaultReset() => Interlocked.Increment(ref _connectionsReset);
        public void FaultCut() => Interlocked.Increment(ref _connectionsCut);
        public void FaultDatagramLost() => Interlocked.Increment(ref _datagramsLost);
        public void FaultDatagramDuplicated() => Interlocked.Increment(ref _datagramsDuplicated);
        public void FaultDatagramReordered() => Interlocked.Increment(ref _datagramsReordered);

        public void Requested() => Interlocked.Increment(ref _requests);
        public void ResponderFailed() => Interlocked.Increment(ref _responderErrors);
        public void ResponderTimedOut() => Interlocked.Increment(ref _responderTimeouts);

        /// <summary>Admits a connection unless <paramref name="max"/> are already active.</summary>
        public bool TryAdmit(int max)
        {
            if (Interlocked.Increment(ref _activeConnections) > max)
            {
                Interlocked.Decrement(ref _activeConnections);
                Interlocked.Increment(ref _connectionsRefused);
                return false;
            }
            Interlocked.Increment(ref _connectionsAccepted);
            return true;
        }

        public void Released() => Interlocked.Decrement(ref _activeConnections);

        /// <summary>A connection refused by a limit other than the global one (the per-client limit).</summary>
        public void Refused() => Interlocked.Increment(ref _connectionsRefused);

        public void DatagramDropped() => Interlocked.Increment(ref _datagramsDropped);
        public void LineTooLong() => Interlocked.Increment(ref _linesTooLong);
        public void AcceptFailed() => Interlocked.Increment(ref _acceptFailures);
        public void Denied() => Interlocked.Increment(ref _clientsDenied);
        public void Echoed(long bytes) => Interlocked.Add(ref _bytesEchoed, bytes);

        public void DatagramEchoed(long bytes)
        {
            Interlocked.Increment(ref _datagramsEchoed);
            Interlocked.Add(ref _bytesEchoed, bytes);
        }
    }
}

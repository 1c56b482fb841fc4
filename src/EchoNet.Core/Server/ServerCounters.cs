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

        public long ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);
        public long ActiveConnections => Volatile.Read(ref _activeConnections);
        public long ConnectionsRefused => Volatile.Read(ref _connectionsRefused);
        public long BytesEchoed => Volatile.Read(ref _bytesEchoed);
        public long DatagramsEchoed => Volatile.Read(ref _datagramsEchoed);

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
        public void Refused() => Interlocked.Increment(ref _connectionsRefused);
        public void Echoed(long bytes) => Interlocked.Add(ref _bytesEchoed, bytes);

        public void DatagramEchoed(long bytes)
        {
            Interlocked.Increment(ref _datagramsEchoed);
            Interlocked.Add(ref _bytesEchoed, bytes);
        }
    }
}

using EchoNet.Client;

namespace EchoNet.Diagnostics
{
    /// <summary>What a throughput test does: to whom, over how many connections, how much or for how long, and whether to expect the echo.</summary>
    public sealed class ThroughputPlan
    {
        public const int ChunkBytes = 32 * 1024;

        public ThroughputPlan(ClientTarget target, int connections, long totalBytes, int durationMs, bool discard, int timeoutMs)
        {
            Target = target;
            Connections = connections;
            TotalBytes = totalBytes;
            DurationMs = durationMs;
            Discard = discard;
            TimeoutMs = timeoutMs;
        }

        public ClientTarget Target { get; }
        public int Connections { get; }

        /// <summary>Bytes to send over all connections together (split evenly); 0 when DurationMs is used.</summary>
        public long TotalBytes { get; }

        /// <summary>Send for this long instead of a size; 0 when TotalBytes is used.</summary>
        public int DurationMs { get; }

        /// <summary>The server answers nothing (RFC 863): send one way; any byte that comes back is reported.</summary>
        public bool Discard { get; }

        /// <summary>Bounds the connect and every send or receive that makes no progress.</summary>
        public int TimeoutMs { get; }

        /// <summary>The share of the size that connection <paramref name="index"/> sends.</summary>
        public long BytesFor(int index) => TotalBytes / Connections + (index < TotalBytes % Connections ? 1 : 0);
    }
}

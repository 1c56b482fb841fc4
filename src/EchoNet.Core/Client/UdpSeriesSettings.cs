using System.Text;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>How every UDP conversation of one command behaves; read-only once made.</summary>
    public sealed class UdpSeriesSettings
    {
        public UdpSeriesSettings(Encoding encoding, bool waitForReply, int timeoutMs, int count, int intervalMs, bool trace)
        {
            Encoding = encoding;
            WaitForReply = waitForReply;
            TimeoutMs = timeoutMs;
            Count = count;
            IntervalMs = intervalMs;
            Trace = trace;
        }

        public Encoding Encoding { get; }
        public bool WaitForReply { get; }
        public int TimeoutMs { get; }

        /// <summary>Datagrams sent per message.</summary>
        public int Count { get; }

        /// <summary>Pause between the datagrams of a series.</summary>
        public int IntervalMs { get; }

        /// <summary>Report a trace line per datagram.</summary>
        public bool Trace { get; }

        internal ITargetConversation Open(ClientTarget target, CancellationToken cancel)
            => new UdpSeries(target, this, cancel);
    }
}

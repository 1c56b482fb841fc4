using System;
using EchoNet.Diagnostics;

namespace EchoNet
{
    /// <summary>A throughput test against one server: totals as flat properties, and each connection's figures.</summary>
    public sealed class ThroughputResult
    {
        /// <summary>"host:port".</summary>
        public string Target { get; set; }
        public string ComputerName { get; set; }
        public int Port { get; set; }

        /// <summary>Echo (every byte checked as it comes back) or Discard (one way).</summary>
        public string Mode { get; set; }
        public int Connections { get; set; }
        public int FailedConnections { get; set; }
        public long BytesSent { get; set; }
        public long BytesReceived { get; set; }

        /// <summary>True when every connection finished and every byte came back as sent (or, discarding, none came back).</summary>
        public bool Verified { get; set; }

        /// <summary>Wall time from the first connection's first byte to the last connection's end.</summary>
        public TimeSpan Duration { get; set; }
        public double Seconds => Duration.TotalSeconds;

        /// <summary>Payload bytes sent per second over all connections, in megabytes (10^6 bytes); the echo is not counted again.</summary>
        public double MBps => Seconds > 0 ? BytesSent / Seconds / 1e6 : 0;

        /// <summary>The slowest and fastest connection.</summary>
        public double MinConnectionMBps { get; set; }
        public double MaxConnectionMBps { get; set; }

        /// <summary>CPU time of this process (all its threads, a server in the same session included) during the test.</summary>
        public TimeSpan CpuTime { get; set; }
        public double CpuTimeMs => CpuTime.TotalMilliseconds;

        public ConnectionThroughput[] Connection { get; set; }

        public override string ToString() => $"{Target}: {BytesSent} bytes over {Connections} connections in {Seconds:0.###} s, {MBps:0.##} MB/s ({Mode}{(Verified ? ", verified" : ", NOT verified")})";
    }
}

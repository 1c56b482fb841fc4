using System;
using System.Net;

namespace EchoNet
{
    /// <summary>A port that accepted a connection within Wait-TcpPort's timeout.</summary>
    public sealed class TcpPortWaitResult
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }

        /// <summary>"host:port".</summary>
        public string Target { get; set; }

        /// <summary>Always true: a port that never opened is an error, not a result.</summary>
        public bool Open { get; set; }
        public IPEndPoint RemoteEndPoint { get; set; }

        /// <summary>Connects tried, the one that succeeded included.</summary>
        public int Attempts { get; set; }

        /// <summary>From the start of the command until this port accepted.</summary>
        public TimeSpan Waited { get; set; }
        public double WaitedMs => Waited.TotalMilliseconds;

        public override string ToString() => $"{Target} open after {WaitedMs:0} ms ({Attempts} attempts)";
    }
}

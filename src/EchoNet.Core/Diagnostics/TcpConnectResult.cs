using System;
using System.Net;

namespace EchoNet
{
    /// <summary>One TCP connect probe (tcping): connect, time it, close.</summary>
    public sealed class TcpConnectResult
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }

        /// <summary>"host:port".</summary>
        public string Target { get; set; }

        /// <summary>1-based position in the series (warm-up probes are not counted).</summary>
        public int Sequence { get; set; }
        public IPEndPoint RemoteEndPoint { get; set; }
        public IPEndPoint LocalEndPoint { get; set; }
        public bool Connected { get; set; }

        /// <summary>True when the probe included a TLS handshake (-UseTls): ConnectTime covers both.</summary>
        public bool Tls { get; set; }

        /// <summary>"Success", or what went wrong (ConnectionRefused, Timeout, ...).</summary>
        public string Status => ErrorKind?.ToString() ?? "Success";
        public Errors.NetErrorKind? ErrorKind { get; set; }
        public string Error { get; set; }

        /// <summary>How long the connect (and TLS handshake) took; for a failed probe, how long until it failed.</summary>
        public TimeSpan ConnectTime { get; set; }
        public double ConnectTimeMs => ConnectTime.TotalMilliseconds;

        /// <summary>When the probe started (UTC).</summary>
        public DateTime Timestamp { get; set; }

        public override string ToString() => Connected ? $"{Target}: connected in {ConnectTimeMs:0.###} ms" : $"{Target}: {Status}";
    }
}

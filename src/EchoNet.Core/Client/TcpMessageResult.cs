using System;
using System.Net;

namespace EchoNet
{
    /// <summary>One message sent by Send-TcpMessage and the reply it got.</summary>
    public sealed class TcpMessageResult
    {
        public string ComputerName { get; set; }
        public IPEndPoint RemoteEndPoint { get; set; }
        public IPEndPoint LocalEndPoint { get; set; }
        public int Port { get; set; }

        /// <summary>False only in a connect test (-NoReply, no message) whose connect failed; see Error.</summary>
        public bool Connected { get; set; }

        /// <summary>How long the connect (and TLS handshake) took; zero for later messages on the connection.</summary>
        public TimeSpan ConnectTime { get; set; }
        public double ConnectTimeMs => ConnectTime.TotalMilliseconds;

        /// <summary>Why a connect test failed; null otherwise.</summary>
        public string Error { get; set; }

        /// <summary>The text sent, or null when raw bytes were sent.</summary>
        public string Message { get; set; }
        public int BytesSent { get; set; }

        /// <summary>The reply decoded with the cmdlet's encoding.</summary>
        public string Reply { get; set; }
        public byte[] ReplyBytes { get; set; }
        public int BytesReceived => ReplyBytes?.Length ?? 0;

        /// <summary>Why reading stopped: a complete echo, the terminator, the length, quiet peer, closed.</summary>
        public Client.ReplyEnd ReplyEnd { get; set; }
        public TimeSpan RoundTrip { get; set; }
        public double RoundTripMs => RoundTrip.TotalMilliseconds;

        public override string ToString() => Reply ?? string.Empty;
    }
}

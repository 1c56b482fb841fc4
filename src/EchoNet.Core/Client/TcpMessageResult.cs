using System;
using System.Net;

namespace EchoNet
{
    /// <summary>One message sent over TCP and the reply it got, or why it failed.</summary>
    public sealed class TcpMessageResult
    {
        public string ComputerName { get; set; }
        public IPEndPoint RemoteEndPoint { get; set; }
        public IPEndPoint LocalEndPoint { get; set; }
        public int Port { get; set; }

        /// <summary>False when the connect failed; see Status and Error.</summary>
        public bool Connected { get; set; }

        /// <summary>"Success", or what went wrong (ConnectionRefused, Timeout, ConnectionReset, ...).</summary>
        public string Status => ErrorKind?.ToString() ?? "Success";

        /// <summary>What went wrong, or null on success.</summary>
        public Errors.NetErrorKind? ErrorKind { get; set; }

        /// <summary>The session the message went over, or null for a connection of its own.</summary>
        public int? SessionId { get; set; }

        /// <summary>How long the connect (and TLS handshake) took; zero for later messages on the connection.</summary>
        public TimeSpan ConnectTime { get; set; }
        public double ConnectTimeMs => ConnectTime.TotalMilliseconds;

        /// <summary>Why the message failed; null on success.</summary>
        public string Error { get; set; }

        /// <summary>The text sent, or null when raw bytes were sent.</summary>
        public string Message { get; set; }
        public int BytesSent { get; set; }

        /// <summary>The reply decoded with the cmdlet's encoding.</summary>
        public string Reply { get; set; }
        public byte[] ReplyBytes { get; set; }
        /// <summary>The reply's length, or the bytes written to -OutFile.</summary>
        public int BytesReceived
        {
            get => _bytesReceived ?? ReplyBytes?.Length ?? 0;
            set => _bytesReceived = value;
        }

        private int? _bytesReceived;

        /// <summary>Why reading stopped: a complete echo, the terminator, the length, quiet peer, closed.</summary>
        public Client.ReplyEnd ReplyEnd { get; set; }
        public TimeSpan RoundTrip { get; set; }
        public double RoundTripMs => RoundTrip.TotalMilliseconds;

        public override string ToString() => Reply ?? string.Empty;
    }
}

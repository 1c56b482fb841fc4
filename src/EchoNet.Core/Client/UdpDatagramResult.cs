using System;
using System.Net;

namespace EchoNet
{
    /// <summary>What happened to one datagram.</summary>
    public enum UdpDatagramStatus
    {
        /// <summary>Sent; no reply was asked for.</summary>
        Sent,
        Replied,
        /// <summary>No reply within the timeout: normal for many UDP services, and for lost datagrams.</summary>
        NoReply,
        /// <summary>The peer's host answered ICMP port-unreachable (where the OS reports it).</summary>
        Refused,
    }

    /// <summary>One datagram sent by Send-UdpDatagram and its reply, if any.</summary>
    public sealed class UdpDatagramResult
    {
        public string ComputerName { get; set; }
        public IPEndPoint RemoteEndPoint { get; set; }
        public IPEndPoint LocalEndPoint { get; set; }
        public int Port => RemoteEndPoint?.Port ?? 0;

        /// <summary>1-based position in a -Count series.</summary>
        public int Sequence { get; set; }
        public string Message { get; set; }
        public int BytesSent { get; set; }
        public UdpDatagramStatus Status { get; set; }
        public bool Replied => Status == UdpDatagramStatus.Replied;
        public string Reply { get; set; }
        public byte[] ReplyBytes { get; set; }
        public int BytesReceived => ReplyBytes?.Length ?? 0;

        /// <summary>Round trip of the reply; null when there was none.</summary>
        public TimeSpan? RoundTrip { get; set; }
        public double? RoundTripMs => RoundTrip?.TotalMilliseconds;

        public override string ToString() => Reply ?? Status.ToString();
    }
}

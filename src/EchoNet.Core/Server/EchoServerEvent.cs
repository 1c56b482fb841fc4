using System;
using System.Net;

namespace EchoNet
{
    public enum EchoServerEventKind
    {
        Started,
        Connected,
        Disconnected,
        Refused,
        Denied,
        Datagram,
        Error,
        Stopped,

        /// <summary>A UDP datagram not answered: a possible loop, or over the per-source rate limit.</summary>
        Dropped,
    }

    /// <summary>Something that happened on a server, as written by <c>Start-EchoServer -Wait</c>.</summary>
    public sealed class EchoServerEvent
    {
        public EchoServerEvent(int serverId, EchoServerEventKind kind, EchoProtocol protocol,
            EndPoint remoteEndPoint, long bytes, string message)
        {
            Time = DateTime.Now;
            ServerId = serverId;
            Kind = kind;
            Protocol = protocol;
            RemoteEndPoint = remoteEndPoint;
            Bytes = bytes;
            Message = message;
        }

        public DateTime Time { get; }
        public int ServerId { get; }
        public EchoServerEventKind Kind { get; }
        public EchoProtocol Protocol { get; }
        public EndPoint RemoteEndPoint { get; }

        /// <summary>Bytes echoed on the connection (Disconnected) or in the datagram (Datagram).</summary>
        public long Bytes { get; }
        public string Message { get; }

        public override string ToString() => $"{Time:HH:mm:ss.fff} {Kind} {Protocol} {RemoteEndPoint} {Bytes} {Message}".TrimEnd();
    }
}

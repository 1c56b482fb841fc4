using System;
using System.Net;
using System.Text;
using EchoNet.Text;

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

        /// <summary>A chunk of data read from a TCP connection (with -Responder: one whole request).</summary>
        Received,

        /// <summary>A responder's reply or greeting, as it was handed to the connection (-Responder only).</summary>
        Sent,

        /// <summary>A fault acted: a connection reset or closed by a limit, a datagram dropped, a relay's upstream failed.</summary>
        Fault,
    }

    /// <summary>
    /// Something that happened on a server, as written by <c>Start-EchoServer -Wait</c> and kept
    /// by <c>-Record</c>. Received (TCP) and Datagram (UDP) events carry the data itself.
    /// </summary>
    public sealed class EchoServerEvent
    {
        private readonly Encoding _encoding;

        public EchoServerEvent(int serverId, EchoServerEventKind kind, EchoProtocol protocol,
            EndPoint remoteEndPoint, long bytes, string message)
            : this(serverId, kind, protocol, remoteEndPoint, bytes, message, 0, null, null)
        {
        }

        internal EchoServerEvent(int serverId, EchoServerEventKind kind, EchoProtocol protocol, EndPoint remoteEndPoint,
            long bytes, string message, long connectionId, byte[] data, Encoding encoding)
        {
            Time = DateTime.Now;
            ServerId = serverId;
            Kind = kind;
            Protocol = protocol;
            RemoteEndPoint = remoteEndPoint;
            Bytes = bytes;
            Message = message;
            ConnectionId = connectionId;
            Data = data;
            _encoding = encoding ?? TextEncodings.Default;
        }

        /// <summary>
        /// When it happened. In a recording, never earlier than the event recorded before it
        /// (the recording orders them), though events are made on many threads.
        /// </summary>
        public DateTime Time { get; private set; }
        public int ServerId { get; }
        public EchoServerEventKind Kind { get; }
        public EchoProtocol Protocol { get; }
        public EndPoint RemoteEndPoint { get; }

        /// <summary>
        /// The server's number for a TCP connection (1, 2, ... in accept order) on Connected,
        /// Received and Disconnected events; 0 for the rest.
        /// </summary>
        public long ConnectionId { get; }

        /// <summary>
        /// Bytes received (Received, Datagram), echoed on the whole connection (Disconnected),
        /// or concerned by an error.
        /// </summary>
        public long Bytes { get; }
        public string Message { get; }

        /// <summary>What arrived (Received and Datagram events) or went out (Sent); null for the other kinds.</summary>
        public byte[] Data { get; }

        /// <summary>
        /// <see cref="Data"/> decoded with the server's -Encoding (each chunk on its own, so a
        /// character split between two chunks shows as U+FFFD in both); null without data.
        /// Decoded on each use and never kept, so a recording holds only the bytes that
        /// -RecordLimit counts, however often its events are read.
        /// </summary>
        public string Text => Data == null ? null : _encoding.GetString(Data);

        /// <summary>
        /// One line for a table: the text with control characters escaped, or the bytes in hex
        /// when they are not text in the server's encoding; the message for events without data.
        /// </summary>
        public string Preview => Data == null ? Message : DataPreview.Of(Data, Text);

        /// <summary>Moves <see cref="Time"/> up to <paramref name="notBefore"/> when it is earlier.</summary>
        internal void NotBefore(DateTime notBefore)
        {
            if (Time < notBefore) Time = notBefore;
        }

        public override string ToString() =>
            $"{Time:HH:mm:ss.fff} {Kind} {Protocol} {RemoteEndPoint} {Bytes} {Preview}".TrimEnd();
    }
}

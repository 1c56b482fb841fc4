using System.Net;

namespace EchoNet.Server
{
    /// <summary>
    /// One framed request as a responder sees it (<c>$Request</c>): a line (terminator removed),
    /// a fixed-length record, or a UDP datagram.
    /// </summary>
    public sealed class EchoRequest
    {
        internal EchoRequest(byte[] data, string text, long index, EchoRequestConnection connection, EchoRequestServer server)
        {
            Data = data;
            Text = text;
            Index = index;
            Connection = connection;
            Server = server;
        }

        /// <summary>The request's bytes without its terminator (a CR before an LF terminator stays here).</summary>
        public byte[] Data { get; }

        /// <summary><see cref="Data"/> decoded with the server's -Encoding, a trailing CR trimmed.</summary>
        public string Text { get; }

        /// <summary>1 for a connection's first request, 2 for the next, ...; 1 for every UDP datagram.</summary>
        public long Index { get; }

        public EchoRequestConnection Connection { get; }

        public EchoRequestServer Server { get; }

        public EchoProtocol Protocol => Connection.Protocol;

        public EndPoint RemoteEndPoint => Connection.RemoteEndPoint;

        public override string ToString() => Text;
    }
}

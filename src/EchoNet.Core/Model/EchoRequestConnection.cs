using System.Collections;
using System.Net;
using System.Threading;

namespace EchoNet.Server
{
    /// <summary>
    /// The connection a request came on (<c>$Request.Connection</c>): its number, its peer, a
    /// <see cref="State"/> table kept for its whole life, and <see cref="Close"/>. A UDP datagram
    /// gets one of its own (Id 0, fresh state).
    /// </summary>
    public sealed class EchoRequestConnection
    {
        private int _closeRequested;

        internal EchoRequestConnection(long id, EndPoint remoteEndPoint, EchoProtocol protocol)
        {
            Id = id;
            RemoteEndPoint = remoteEndPoint;
            Protocol = protocol;
        }

        /// <summary>The server's number for the connection (as in its events); 0 for UDP.</summary>
        public long Id { get; }

        public EndPoint RemoteEndPoint { get; }

        public EchoProtocol Protocol { get; }

        /// <summary>
        /// What a responder keeps between this connection's requests (case-insensitive keys, like
        /// <c>@{}</c>). Requests of one connection are answered one at a time, so no lock is needed.
        /// </summary>
        public Hashtable State { get; } = new Hashtable(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>Close the connection once the current reply has gone out; later requests get no answer.</summary>
        public void Close() => Interlocked.Exchange(ref _closeRequested, 1);

        /// <summary>True once <see cref="Close"/> was called.</summary>
        public bool CloseRequested => Volatile.Read(ref _closeRequested) != 0;

        public override string ToString() => $"{Id} {RemoteEndPoint}";
    }
}

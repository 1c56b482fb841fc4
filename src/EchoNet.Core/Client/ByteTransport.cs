using System;
using System.Net;

namespace EchoNet.Client
{
    /// <summary>What a receive found: nothing yet, some bytes, or the peer's end of stream.</summary>
    internal enum ReceiveOutcome
    {
        Nothing,
        Data,
        Closed,
    }

    /// <summary>
    /// Moves bytes over one connected stream without blocking (plain TCP or TLS). The reply
    /// framing above it is written once for both; each transport only says what it can do now.
    /// </summary>
    internal abstract class ByteTransport : IDisposable
    {
        public abstract IPEndPoint RemoteEndPoint { get; }
        public abstract IPEndPoint LocalEndPoint { get; }

        /// <summary>TLS details, or null on plain TCP.</summary>
        public virtual TlsDetails Tls => null;

        /// <summary>
        /// Offers bytes to send; returns how many of them are now sent (0 when the stream cannot
        /// take any yet). Call again with the rest until all are sent.
        /// </summary>
        public abstract int TrySend(byte[] bytes, int offset, int count);

        /// <summary>Appends what can be read now, up to <paramref name="limit"/> buffered bytes.</summary>
        public abstract ReceiveOutcome TryReceive(ReplyBuffer into, int limit);

        /// <summary>Blocks until the stream may have progress (readable, or writable when asked), at most the given time.</summary>
        public abstract void WaitReady(bool wantWrite, int timeoutMs);

        /// <summary>Ends the sending side (a TCP FIN) while receiving goes on; false when the transport cannot (TLS here).</summary>
        public virtual bool ShutdownSend() => false;

        /// <summary>
        /// Ends the connection with a reset (linger 0), so that the peer sees a failure rather than
        /// an orderly end: for a message cut short, whose truncated bytes must not pass for a whole one.
        /// </summary>
        public abstract void Abort();

        public abstract void Dispose();
    }
}

using System;

namespace EchoNet.Engines
{
    /// <summary>
    /// The later reply path of one TCP connection, the same on every engine: bytes handed to
    /// <see cref="Send"/> from any thread go out after everything handed before them, in call
    /// order; <see cref="CloseWhenSent"/> ends the connection once they are out. The engine does
    /// the socket calls on its own terms (the epoll loop thread; the portable engine's sends), so a
    /// service may answer from a worker thread, a timer or a delay (responders, faults).
    /// Backpressure: while more than <see cref="EchoConnection.LaterBytesLimit"/> bytes wait to go
    /// out (<see cref="IsBacklogged"/>; the session hears <see cref="StreamSession.OutputReady"/> when
    /// it is not any more), or while the session's <see cref="StreamSession.HoldsInput"/> is true, the engine reads
    /// nothing more from the client; <see cref="ResumeReceiving"/> asks it to look again.
    /// A session that sends this way returns no immediate replies from
    /// <see cref="StreamSession.Received"/> (the two paths are not ordered with each other).
    /// </summary>
    internal interface IConnectionOutput : IRemotePeer
    {
        /// <summary>The server's number for this connection.</summary>
        long Id { get; }

        /// <summary>Queues bytes to send; the caller gives them up (it must not change them afterwards).</summary>
        void Send(ArraySegment<byte> bytes);

        /// <summary>
        /// <see cref="Send"/> for bytes in an array rented from <c>ArrayPool&lt;byte&gt;.Shared</c>:
        /// the engine returns the array to the pool once it no longer needs it (a relay hands each
        /// upstream chunk on without a copy or a fresh allocation). An array dropped at a close is
        /// left to the collector.
        /// </summary>
        void SendRented(ArraySegment<byte> bytes);

        /// <summary>Closes the connection (an orderly FIN) after everything queued before this call has gone out.</summary>
        void CloseWhenSent();

        /// <summary>Closes the connection now; queued bytes are dropped.</summary>
        void Close();

        /// <summary>Resets the connection (an RST, not a FIN) after everything queued before this call has gone out.</summary>
        void ResetWhenSent();

        /// <summary>Resets the connection now (an RST); queued bytes are dropped.</summary>
        void Reset();

        /// <summary>
        /// True while more than the limit waits to go out: a producer should hold back until the
        /// engine calls <see cref="StreamSession.OutputReady"/>.
        /// </summary>
        bool IsBacklogged { get; }

        /// <summary>The session takes input again (<see cref="StreamSession.HoldsInput"/> turned false): resume reading.</summary>
        void ResumeReceiving();

        /// <summary>
        /// Has the engine watch another socket for the session, on the thread that serves this
        /// connection (<see cref="IWatchedSocket"/>); it starts wanting nothing. Null where the
        /// engine watches no sockets but its own (the portable engine, whose sockets complete
        /// their own async operations): the session then uses the socket's async operations.
        /// </summary>
        IWatchedSocket Watch(System.Net.Sockets.Socket socket, ISocketReadiness readiness);
    }
}

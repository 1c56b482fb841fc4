using System;

namespace EchoNet.Engines
{
    /// <summary>One TCP connection as its service sees it: a stream of received chunks, in order.</summary>
    internal abstract class StreamSession
    {
        /// <summary>
        /// What to send back for a received chunk: a segment (possibly of <paramref name="buffer"/>,
        /// valid only during the call; an engine may reuse it afterwards), or an empty or null-array
        /// segment for nothing. Called by one thread at a time, in arrival order.
        /// </summary>
        public abstract ArraySegment<byte> Received(byte[] buffer, int count);

        /// <summary>
        /// True once the client broke the service's rules (a line too long): the engine sends the
        /// reply just returned, then closes the connection and reads nothing more.
        /// </summary>
        public bool Ended { get; protected set; }

        /// <summary>
        /// True while the session wants no more bytes (work it has queued is still running): the
        /// engine stops reading until <see cref="IConnectionOutput.ResumeReceiving"/>. Read from
        /// the engine's thread; a session that turns it false calls ResumeReceiving afterwards.
        /// </summary>
        public virtual bool HoldsInput => false;

        /// <summary>
        /// The later sends waiting dropped under the limit (<see cref="IConnectionOutput.IsBacklogged"/>
        /// turned false), on the thread that sent them: a producer that held back may go on.
        /// </summary>
        public virtual void OutputReady() { }

        /// <summary>
        /// The client finished sending (its FIN), on the engine's thread. False (the default): the
        /// engine closes the connection now, as everything before was answered. True: the session
        /// still has bytes to send later (a delay, a relay's upstream); the engine reads nothing more
        /// and the session ends the connection itself (<see cref="IConnectionOutput.CloseWhenSent"/>).
        /// </summary>
        public virtual bool InputEnded() => false;

        /// <summary>The connection ended (from the thread that ended it), once: stop work still running for it.</summary>
        public virtual void Closed() { }
    }
}

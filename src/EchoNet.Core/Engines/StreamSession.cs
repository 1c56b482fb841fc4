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
    }
}

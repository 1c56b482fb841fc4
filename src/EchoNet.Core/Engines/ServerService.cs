using System;

namespace EchoNet.Engines
{
    /// <summary>
    /// What a server is for, above the engines (Kestrel's application side of the transport
    /// seam): given the bytes a client sent, what goes back. Engines call it and send what it
    /// returns; echo, reply formats, discard and recording are services, not engine code.
    /// </summary>
    internal abstract class ServerService
    {
        /// <summary>
        /// The state for one TCP connection (a shared instance when the service keeps none).
        /// <paramref name="connection"/> is also the way to send later (<see cref="IConnectionOutput"/>).
        /// </summary>
        public abstract StreamSession OpenStream(IConnectionOutput connection);

        /// <summary>
        /// The reply to one datagram: a segment (possibly of <paramref name="buffer"/>, which is
        /// valid only during the call), or one with a null array for no reply now. A service that
        /// answers later sends through <paramref name="output"/>.
        /// </summary>
        public abstract ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output);
    }
}

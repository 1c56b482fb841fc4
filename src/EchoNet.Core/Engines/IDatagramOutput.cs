using System;
using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// The later reply path of a UDP listener: one datagram to a peer, from any thread (a
    /// responder's answer, a delayed fault). The engine sends it on its own terms (the epoll loop
    /// thread; a direct SendTo on the portable engine) and counts it like an immediate reply.
    /// </summary>
    internal interface IDatagramOutput
    {
        /// <summary>Sends <paramref name="bytes"/> as one datagram to <paramref name="remote"/>; the caller gives them up.</summary>
        void SendTo(EndPoint remote, ArraySegment<byte> bytes);
    }
}

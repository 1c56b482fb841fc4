using System;
using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// One bound endpoint of a server, TCP or UDP. The server owns it; it owns its connections.
    /// Dispose closes the socket and every connection: the port is free when it returns.
    /// </summary>
    internal interface IEchoListener : IDisposable
    {
        IPEndPoint LocalEndPoint { get; }

        void Start();
    }
}

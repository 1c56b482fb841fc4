using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// A socket engine: it binds listeners, admits clients through the shared
    /// <see cref="TcpAdmission"/>, and moves bytes between sockets and the server's
    /// <see cref="ServerService"/>. It knows nothing of what the bytes are for (echo, reply
    /// formats, recording): that sits above it, once. <c>EchoEngines.For</c> (Server/) picks one.
    /// </summary>
    internal interface IEchoEngine
    {
        /// <summary>What the server shows as its Engine: "epoll" or "portable".</summary>
        string Name { get; }

        /// <summary>Binds and listens (accepting starts with <see cref="IEchoListener.Start"/>); throws SocketException.</summary>
        IEchoListener ListenTcp(IPEndPoint endPoint, EngineContext context);

        /// <summary>Binds a UDP socket (serving starts with <see cref="IEchoListener.Start"/>); throws SocketException.</summary>
        IEchoListener BindUdp(IPEndPoint endPoint, EngineContext context);
    }
}

using System.Net;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// The engine for every system .NET runs on: SocketAsyncEventArgs accept and receive loops,
    /// SslStream for TLS. Managed sockets only; no raw descriptor calls.
    /// </summary>
    internal sealed class PortableEngine : IEchoEngine
    {
        public static readonly PortableEngine Instance = new PortableEngine();

        private PortableEngine() { }

        public string Name => "portable";

        public IEchoListener ListenTcp(IPEndPoint endPoint, EngineContext context) => new SaeaTcpListener(endPoint, context);

        public IEchoListener BindUdp(IPEndPoint endPoint, EngineContext context) => new SaeaUdpListener(endPoint, context);
    }
}

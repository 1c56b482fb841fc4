using System.Net;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// The Linux engine: <see cref="EventLoop"/> threads that accept, receive and send on raw
    /// descriptors themselves (every system call in <see cref="EpollNative"/>).
    /// </summary>
    internal sealed class EpollEngine : IEchoEngine
    {
        public static readonly EpollEngine Instance = new EpollEngine();

        private EpollEngine() { }

        public string Name => "epoll";

        public IEchoListener ListenTcp(IPEndPoint endPoint, EngineContext context) => new EpollTcpListener(endPoint, context);

        public IEchoListener BindUdp(IPEndPoint endPoint, EngineContext context) => new EpollUdpListener(endPoint, context);
    }
}

using System;
using EchoNet.Engines.Epoll;
using EchoNet.Engines.Portable;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one place a server's engine is chosen. Linux epoll where it works (x64 or arm64 Linux,
    /// libc's epoll present) unless ECHONET_SOCKET_ENGINE=saea asks for the portable engine; the
    /// portable SocketAsyncEventArgs engine elsewhere and for TLS (SslStream needs a stream).
    /// </summary>
    internal static class EchoEngines
    {
        /// <summary>The environment variable the second test pass sets to run everything on the portable engine.</summary>
        public const string Variable = "ECHONET_SOCKET_ENGINE";

        private static readonly Lazy<bool> EpollUsable = new Lazy<bool>(() =>
            !string.Equals(Environment.GetEnvironmentVariable(Variable), "saea", StringComparison.OrdinalIgnoreCase)
            && EventLoop.IsSupported);

        public static IEchoEngine For(EchoServerOptions options)
        {
            if (options.Certificate == null && EpollUsable.Value) return EpollEngine.Instance;
            return PortableEngine.Instance;
        }
    }
}

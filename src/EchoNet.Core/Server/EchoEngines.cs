using System;
using EchoNet.Engines.Epoll;
using EchoNet.Engines.Portable;
using EchoNet.Engines;

namespace EchoNet.Server
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

        // Out of file descriptors, loading an assembly fails (it opens a file): a connection that
        // first needed System.Buffers (ArrayPool) or System.Net.Security (SslStream) then could not
        // even be closed. Everything serving needs later is loaded before the first server starts.
        private static readonly Lazy<bool> Loaded = new Lazy<bool>(() =>
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(System.Buffers.ArrayPool<byte>.Shared.Rent(1));
            GC.KeepAlive(typeof(System.Net.Security.SslStream));
            GC.KeepAlive(typeof(System.Threading.Tasks.Task<int>));
            return true;
        });

        public static IEchoEngine For(EchoServerOptions options)
        {
            _ = Loaded.Value;
            if (options.Certificate == null && EpollUsable.Value) return EpollEngine.Instance;
            return PortableEngine.Instance;
        }
    }
}

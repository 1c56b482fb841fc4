using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>Builds the service a server's options ask for.</summary>
    internal static class ServerServices
    {
        public static ServerService For(EchoServerOptions options, ServerCounters counters, IServerEvents events) =>
            options.ReplyFormat == null ? (ServerService)EchoService.Instance : new ReplyFormatService(options.ReplyFormat, counters, events);
    }
}

using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>Builds the service a server's options ask for, observed for -Wait and -Record.</summary>
    internal static class ServerServices
    {
        public static ServerService For(EchoServerOptions options, ServerCounters counters, IServerEvents events)
        {
            // A responder raises its own events: per request and per reply, not per chunk.
            if (options.Responder != null) return new ResponderService(options, counters, events);
            ServerService service;
            if (options.Discard) service = DiscardService.Instance;
            else if (options.ReplyFormat != null) service = new ReplyFormatService(options.ReplyFormat, counters, events);
            else service = EchoService.Instance;
            return new ObservedService(service, events);
        }
    }
}

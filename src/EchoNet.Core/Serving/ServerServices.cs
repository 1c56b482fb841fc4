using EchoNet.Engines;
using EchoNet.Faults;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>Builds the service a server's options ask for, observed for -Wait and -Record, behind its faults.</summary>
    internal static class ServerServices
    {
        public static ServerService For(EchoServerOptions options, ServerCounters counters, IServerEvents events, FaultPlan faults) =>
            new FaultedService(Unfaulted(options, counters, events), faults);

        private static ServerService Unfaulted(EchoServerOptions options, ServerCounters counters, IServerEvents events)
        {
            // A responder raises its own events: per request and per reply, not per chunk.
            if (options.Responder != null) return new ResponderService(options, counters, events);
            ServerService service;
            if (options.ForwardEndPoint != null)
                service = new RelayService(options.ForwardEndPoint, options.Forward, options.IdleTimeout, counters, events);
            else if (options.Discard) service = DiscardService.Instance;
            else if (options.ReplyFormat != null) service = new ReplyFormatService(options.ReplyFormat, counters, events);
            else service = EchoService.Instance;
            return new ObservedService(service, events);
        }
    }
}

using System;
using System.Threading;
using EchoNet.Server;

namespace EchoNet.Engines
{
    /// <summary>
    /// What a server hands its engine's listeners: its settings, the shared admission and
    /// datagram paths, the service that decides what to send back, and its event sink.
    /// One per server; listeners and connections hold it, never the server itself.
    /// </summary>
    internal sealed class EngineContext
    {
        private long _lastConnectionId;

        public EngineContext(EchoServerOptions options, ServerCounters counters, ServerService service, IServerEvents events)
        {
            Counters = counters;
            Service = service;
            Events = events;
            Backlog = options.Backlog;
            IdleTimeout = options.IdleTimeout;
            Certificate = options.Certificate;
            Admission = new TcpAdmission(options.ClientFilter, options.MaxConnections, options.MaxConnectionsPerClient, counters, events);
            Datagrams = new DatagramPath(options.ClientFilter, options.DatagramRateLimit, counters, service, events);
        }

        public ServerCounters Counters { get; }
        public ServerService Service { get; }
        public IServerEvents Events { get; }
        public TcpAdmission Admission { get; }
        public DatagramPath Datagrams { get; }
        public int Backlog { get; }
        public TimeSpan IdleTimeout { get; }

        /// <summary>The next TCP connection's number: 1, 2, ... per server, across its listeners.</summary>
        public long NextConnectionId() => Interlocked.Increment(ref _lastConnectionId);

        /// <summary>When set, TCP clients are served over TLS (only the portable engine can).</summary>
        public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; }
    }
}

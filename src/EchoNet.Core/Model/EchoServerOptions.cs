using System.Net;
using System;
using EchoNet.Access;

namespace EchoNet.Server
{
    /// <summary>Everything a server needs to start; validated by <see cref="EchoServer.Start"/>.</summary>
    public sealed class EchoServerOptions
    {
        public const int DefaultMaxConnections = 1000;
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(5);

        public IPAddress[] Addresses { get; set; } = { IPAddress.Loopback };
        public int Port { get; set; }
        public EchoProtocol Protocol { get; set; } = EchoProtocol.Tcp;
        public int MaxConnections { get; set; } = DefaultMaxConnections;

        /// <summary>The most TCP connections one client address may hold at once.</summary>
        public int MaxConnectionsPerClient { get; set; } = ClientConnectionLimit.DefaultMaxPerClient;

        /// <summary>UDP: datagrams per second answered for one source address; 0 for no limit.</summary>
        public int DatagramRateLimit { get; set; }

        /// <summary>A TCP connection with no traffic for this long is closed; zero or less: never.</summary>
        public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

        /// <summary>Null for raw echo (RFC 862); else every reply is this format filled with what was received.</summary>
        public ReplyFormat ReplyFormat { get; set; }

        /// <summary>When set (with its private key), TCP clients are served over TLS.</summary>
        public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; set; }

        /// <summary>Which clients may connect (TCP) or be answered (UDP).</summary>
        public ClientFilter ClientFilter { get; set; } = new ClientFilter(null, null);

        /// <summary>RFC 863 discard instead of echo: read everything, send nothing back.</summary>
        public bool Discard { get; set; }

        /// <summary>Keep what arrives (and connections coming and going) as events for Receive-EchoServerEvent.</summary>
        public bool Record { get; set; }

        public const long DefaultRecordLimit = 16L * 1024 * 1024;

        /// <summary>With <see cref="Record"/>: bytes of events kept; beyond it the oldest are dropped.</summary>
        public long RecordLimit { get; set; } = DefaultRecordLimit;

        /// <summary>How recorded and watched data becomes text (the events' Text).</summary>
        public System.Text.Encoding Encoding { get; set; } = Text.TextEncodings.Default;

        /// <summary>When set, requests are framed and answered by it instead of echoed (-Responder).</summary>
        public EchoResponder Responder { get; set; }

        /// <summary>With <see cref="Responder"/>: what ends a request (encoded with <see cref="Encoding"/>); null for LF.</summary>
        public string RequestTerminator { get; set; }

        /// <summary>With <see cref="Responder"/>: every request is exactly this many bytes; 0 frames by terminator.</summary>
        public int RequestLength { get; set; }

        /// <summary>With <see cref="Responder"/>: the longest request (bytes, terminator excluded); a longer one ends its connection.</summary>
        public int MaxRequestLength { get; set; } = ReplyFormat.DefaultMaxLineLength;

        /// <summary>With <see cref="Responder"/>: an answer running longer is stopped and its connection closed; zero: no limit.</summary>
        public TimeSpan ResponderTimeout { get; set; }

        /// <summary>Faults applied on purpose (Toxiproxy's toxics and UDP's); null or empty for none.</summary>
        public EchoFaults Faults { get; set; }

        /// <summary>Seeds every random choice (jitter, -FaultRate, UDP drops); null: one is picked and shown on the server.</summary>
        public int? FaultSeed { get; set; }

        /// <summary>-Forward: "host:port" to relay to instead of echoing; resolved by <see cref="EchoServer.Start"/>.</summary>
        public string Forward { get; set; }

        /// <summary>Where <see cref="Forward"/> resolved to (set by <see cref="EchoServer.Start"/>, or given directly).</summary>
        public IPEndPoint ForwardEndPoint { get; set; }

        /// <summary>Listen backlog: large enough that a burst of connects is queued, not reset.</summary>
        public int Backlog { get; set; } = 1024;
    }
}

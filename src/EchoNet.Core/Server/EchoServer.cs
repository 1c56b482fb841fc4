using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using EchoNet.Access;
using EchoNet.Addressing;
using EchoNet.Engines;
using EchoNet.Errors;
using EchoNet.Server;
using EchoNet.Serving;

namespace EchoNet
{
    /// <summary>
    /// A running echo server: its listeners, settings and live counters. Returned by
    /// Start-EchoServer and Get-EchoServer; stopping it frees its port at once.
    /// </summary>
    /// <remarks>
    /// It owns its listeners (built by the engine <see cref="EchoEngines"/> picks), which own their
    /// connections; they report back only through <see cref="IServerEvents"/>.
    /// </remarks>
    public sealed class EchoServer : IDisposable, IServerEvents
    {
        // Port 0 with TCP and UDP: the OS picks a TCP port, which may be taken for UDP; try again.
        private const int SharedPortAttempts = 20;

        private readonly List<IEchoListener> _listeners = new List<IEchoListener>();
        private readonly object _stopLock = new object();
        private readonly EngineContext _context;
        private readonly IEchoEngine _engine;
        private readonly EventJournal _journal;
        private readonly System.Text.Encoding _encoding;

        private EchoServer(EchoServerOptions options)
        {
            Protocol = options.Protocol;
            MaxConnections = options.MaxConnections;
            MaxConnectionsPerClient = options.MaxConnectionsPerClient;
            MaxLineLength = options.Responder != null ? options.MaxRequestLength : options.ReplyFormat?.MaxLineLength ?? ReplyFormat.DefaultMaxLineLength;
            Responding = options.Responder != null;
            ResponderTimeout = options.ResponderTimeout;
            DatagramRateLimit = options.DatagramRateLimit;
            IdleTimeout = options.IdleTimeout;
            Tls = options.Certificate != null && (options.Protocol & EchoProtocol.Tcp) != 0;
            CertificateSubject = options.Certificate?.Subject;
            ClientFilter = options.ClientFilter ?? new ClientFilter(null, null);
            StartTime = DateTime.Now;
            Discard = options.Discard;
            _encoding = options.Encoding;
            if (options.Record) _journal = new EventJournal(options.RecordLimit);
            _engine = EchoEngines.For(options);
            _context = new EngineContext(options, Counters, ServerServices.For(options, Counters, this), this);
        }

        public int Id { get; internal set; }
        public EchoProtocol Protocol { get; }
        public IPEndPoint[] LocalEndPoints { get; private set; }
        public IPAddress Address => LocalEndPoints[0].Address;
        public int Port => LocalEndPoints[0].Port;
        public EchoServerState State { get; private set; }
        public DateTime StartTime { get; }
        public int MaxConnections { get; }
        public int MaxConnectionsPerClient { get; }

        /// <summary>With -ReplyFormat -Terminator: the longest line a TCP client may send.</summary>
        public int MaxLineLength { get; }

        /// <summary>UDP datagrams per second answered for one source address; 0: no limit.</summary>
        public int DatagramRateLimit { get; }
        public TimeSpan IdleTimeout { get; }
        public long ConnectionsAccepted => Counters.ConnectionsAccepted;
        public long ActiveConnections => Counters.ActiveConnections;
        public long ConnectionsRefused => Counters.ConnectionsRefused;
        public long BytesEchoed => Counters.BytesEchoed;
        public long DatagramsEchoed => Counters.DatagramsEchoed;
        public long ClientsDenied => Counters.ClientsDenied;
        public long DatagramsDropped => Counters.DatagramsDropped;
        public long LinesTooLong => Counters.LinesTooLong;
        public long AcceptFailures => Counters.AcceptFailures;

        /// <summary>True when a responder answers requests (-Responder) instead of echo.</summary>
        public bool Responding { get; }

        /// <summary>With -Responder: how long one answer may run; zero for no limit.</summary>
        public TimeSpan ResponderTimeout { get; }

        /// <summary>With -Responder: the state its requests share ($Request.Server.State), for a test to read; null otherwise.</summary>
        public System.Collections.Hashtable ResponderState => (_context.Service as ResponderService)?.Server.State;

        /// <summary>Requests a responder answered (including those it chose not to reply to).</summary>
        public long Requests => Counters.Requests;

        /// <summary>Requests whose responder threw (no reply; an Error event each).</summary>
        public long ResponderErrors => Counters.ResponderErrors;

        /// <summary>Answers stopped for running past -ResponderTimeout (their connections closed).</summary>
        public long ResponderTimeouts => Counters.ResponderTimeouts;

        /// <summary>True for an RFC 863 discard server (-Discard): it reads and sends nothing back.</summary>
        public bool Discard { get; }

        /// <summary>True when the server keeps its events for Receive-EchoServerEvent (-Record).</summary>
        public bool Recording => _journal != null;

        /// <summary>Bytes of events a recording server keeps (-RecordLimit); 0 when it does not record.</summary>
        public long RecordLimit => _journal?.Limit ?? 0;

        /// <summary>Recorded events dropped, oldest first, to stay within <see cref="RecordLimit"/>.</summary>
        public long RecordDropped => _journal?.Dropped ?? 0;

        /// <summary>The recording (null without -Record); it outlives <see cref="Stop"/>.</summary>
        internal EventJournal Journal => _journal;

        /// <summary>The socket engine serving this server: "epoll" (Linux event loop) or "portable".</summary>
        public string Engine => _engine.Name;

        /// <summary>True when TCP clients are served over TLS.</summary>
        public bool Tls { get; }
        public string CertificateSubject { get; }
        public string[] AllowedClient => ClientFilter.Allowed.Select(r => r.Text).ToArray();
        public string[] DeniedClient => ClientFilter.Denied.Select(r => r.Text).ToArray();
        internal ClientFilter ClientFilter { get; }

        internal ServerCounters Counters { get; } = new ServerCounters();

        /// <summary>Raised from socket threads; handlers must be quick and must not block.</summary>
        public event EventHandler<EchoServerEvent> Activity;

        bool IServerEvents.IsWatched => _journal != null || Activity != null;

        /// <summary>Binds every requested endpoint and starts serving; throws <see cref="NetException"/>.</summary>
        public static EchoServer Start(EchoServerOptions options)
        {
            Validate(options);
            var server = new EchoServer(options);
            try { server.Bind(options); }
            catch
            {
                (server._context.Service as IDisposable)?.Dispose(); // a responder's runspaces
                throw;
            }
            EchoServerRegistry.Add(server);
            if (server.StartListeners())
                server.Raise(EchoServerEventKind.Started, options.Protocol, null, 0,
                    "Listening on " + string.Join(", ", server.LocalEndPoints.Select(e => e.ToString())));
            return server;
        }

        /// <summary>
        /// Once registered, another runspace may stop the server (Stop-EchoServer -All) while its
        /// listeners start: the stop lock keeps the two apart. False when it was stopped first.
        /// </summary>
        private bool StartListeners()
        {
            lock (_stopLock)
            {
                if (State == EchoServerState.Stopped) return false;
                foreach (var listener in _listeners) listener.Start();
                return true;
            }
        }

        private static void Validate(EchoServerOptions options)
        {
            if (options.Addresses == null || options.Addresses.Length == 0)
                throw new NetException(NetErrorKind.InvalidArgument, "No address to listen on.");
            if (options.Port < 0 || options.Port > IPEndPoint.MaxPort)
                throw new NetException(NetErrorKind.InvalidArgument, $"Port {options.Port} is outside 0-65535.");
            if ((options.Protocol & (EchoProtocol.Tcp | EchoProtocol.Udp)) == 0)
                throw new NetException(NetErrorKind.InvalidArgument, "No protocol to serve.");
            if (options.Certificate != null && !options.Certificate.HasPrivateKey)
                throw new NetException(NetErrorKind.InvalidArgument, $"The certificate '{options.Certificate.Subject}' has no private key; a TLS server needs one.");
            if (options.Record && options.RecordLimit < 1)
                throw new NetException(NetErrorKind.InvalidArgument, "RecordLimit must be at least 1 byte.");
            if (options.Responder != null && options.ReplyFormat != null)
                throw new NetException(NetErrorKind.InvalidArgument, "A responder answers requests itself, so it cannot also reply with a format.");
            if (options.Responder != null && options.Discard)
                throw new NetException(NetErrorKind.InvalidArgument, "A responder answers requests, so the server cannot also discard them.");
            if (options.RequestLength < 0 || options.MaxRequestLength < 1)
                throw new NetException(NetErrorKind.InvalidArgument, "RequestLength must be 0 (by terminator) or more, MaxRequestLength at least 1.");
            if (options.Responder != null && options.RequestLength == 0 && options.RequestTerminator != null && options.RequestTerminator.Length == 0)
                throw new NetException(NetErrorKind.InvalidArgument, "An empty request terminator frames nothing.");
            if (options.Discard && options.ReplyFormat != null)
                throw new NetException(NetErrorKind.InvalidArgument, "A discard server sends nothing back, so it cannot also reply with a format.");
            if (options.MaxConnections < 1)
                throw new NetException(NetErrorKind.InvalidArgument, "MaxConnections must be at least 1.");
            if (options.MaxConnectionsPerClient < 1)
                throw new NetException(NetErrorKind.InvalidArgument, "MaxConnectionsPerClient must be at least 1.");
            if (options.DatagramRateLimit < 0)
                throw new NetException(NetErrorKind.InvalidArgument, "DatagramRateLimit must be 0 (no limit) or more.");
            if (options.Certificate != null && (options.Protocol & EchoProtocol.Tcp) == 0)
                throw new NetException(NetErrorKind.InvalidArgument, "A certificate serves TCP over TLS; UDP has no TLS and would echo in plaintext.");
            if (ListenAddresses.TryFindOverlap(options.Addresses, out int first, out int second))
                throw new NetException(NetErrorKind.InvalidArgument,
                    $"The listen addresses {options.Addresses[first]} and {options.Addresses[second]} overlap; each address can be listened on once.");
        }

        private void Bind(EchoServerOptions options)
        {
            int attempts = options.Port == 0 ? SharedPortAttempts : 1;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    BindAll(options);
                    return;
                }
                catch (SocketException e)
                {
                    CloseListeners();
                    var kind = NetException.KindOf(e.SocketErrorCode);
                    if (kind == NetErrorKind.AddressInUse && attempt < attempts) continue;
                    string where = string.Join(", ", options.Addresses.Select(a => a.ToString()));
                    string message = kind == NetErrorKind.AddressInUse
                        ? $"Port {options.Port} on {where} is already in use."
                        : $"Cannot listen on {where} port {options.Port}: {e.Message}";
                    throw new NetException(kind, message, e);
                }
            }
        }

        /// <summary>The first endpoint fixes the port (the OS picks it for port 0); the rest share it.</summary>
        private void BindAll(EchoServerOptions options)
        {
            int port = options.Port;
            var endPoints = new List<IPEndPoint>();
            var udpEndPoints = new List<IPEndPoint>();
            foreach (var address in options.Addresses)
            {
                if ((options.Protocol & EchoProtocol.Tcp) != 0)
                {
                    var tcp = _engine.ListenTcp(new IPEndPoint(address, port), _context);
                    _listeners.Add(tcp);
                    port = tcp.LocalEndPoint.Port;
                    endPoints.Add(tcp.LocalEndPoint);
                }
                if ((options.Protocol & EchoProtocol.Udp) != 0)
                {
                    var udp = _engine.BindUdp(new IPEndPoint(address, port), _context);
                    _listeners.Add(udp);
                    port = udp.LocalEndPoint.Port;
                    udpEndPoints.Add(udp.LocalEndPoint);
                    if ((options.Protocol & EchoProtocol.Tcp) == 0) endPoints.Add(udp.LocalEndPoint);
                }
            }
            LocalEndPoints = endPoints.ToArray();
            _context.Datagrams.Bound(udpEndPoints);
        }

        /// <summary>Closes the listeners and every connection; the port is free when this returns.</summary>
        public void Stop()
        {
            lock (_stopLock)
            {
                if (State == EchoServerState.Stopped) return;
                State = EchoServerState.Stopped;
                CloseListeners();
            }
            // After the connections closed: a responder stops what still runs and frees its runspaces.
            try { (_context.Service as IDisposable)?.Dispose(); }
            catch (Exception e) { Raise(EchoServerEventKind.Error, Protocol, null, 0, "Stopping the responder failed: " + e.Message); }
            EchoServerRegistry.Remove(this);
            Raise(EchoServerEventKind.Stopped, Protocol, null, 0, null);
            _journal?.Complete();
        }

        private void CloseListeners()
        {
            foreach (var listener in _listeners) listener.Dispose();
            _listeners.Clear();
        }

        void IServerEvents.Raise(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long bytes, string message, long connectionId) =>
            Raise(kind, protocol, remote, bytes, message, connectionId);

        void IServerEvents.RaiseData(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long connectionId, byte[] buffer, int count)
        {
            var data = new byte[count];
            Buffer.BlockCopy(buffer, 0, data, 0, count);
            Publish(new EchoServerEvent(Id, kind, protocol, remote, count, null, connectionId, data, _encoding));
        }

        private void Raise(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long bytes, string message, long connectionId = 0)
        {
            if (_journal == null && Activity == null) return;
            Publish(new EchoServerEvent(Id, kind, protocol, remote, bytes, message, connectionId, null, _encoding));
        }

        /// <summary>Into the recording (all but Started and Stopped), then to the Activity handlers.</summary>
        private void Publish(EchoServerEvent e)
        {
            if (_journal != null && e.Kind != EchoServerEventKind.Started && e.Kind != EchoServerEventKind.Stopped) _journal.Add(e);
            var handler = Activity;
            if (handler == null) return;
            try { handler(this, e); }
            catch (Exception) { /* a faulty subscriber must not break the server */ }
        }

        public void Dispose() => Stop();

        public override string ToString() => $"EchoServer {Id} {Protocol} {string.Join(", ", LocalEndPoints.Select(e => e.ToString()))} {State}";
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using EchoNet.Access;
using EchoNet.Addressing;
using EchoNet.Engines;
using EchoNet.Errors;
using EchoNet.Faults;
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
        private readonly EchoServerOptions _options;
        private readonly FaultPlan _faults;

        private EchoServer(EchoServerOptions options)
        {
            _options = options;
            Forward = options.ForwardEndPoint == null ? null : options.Forward ?? options.ForwardEndPoint.ToString();
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
            _faults = new FaultPlan(options.Faults?.Clone(), options.FaultSeed ?? Environment.TickCount, Counters, this);
            _context = new EngineContext(options, Counters, ServerServices.For(options, Counters, this, _faults), this);
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
        public System.Collections.Hashtable ResponderState => ((_context.Service as FaultedService)?.Inner as ResponderService)?.Server.State;

        /// <summary>Requests a responder answered (including those it chose not to reply to).</summary>
        public long Requests => Counters.Requests;

        /// <summary>Requests whose responder threw (no reply; an Error event each).</summary>
        public long ResponderErrors => Counters.ResponderErrors;

        /// <summary>Answers stopped for running past -ResponderTimeout (their connections closed).</summary>
        public long ResponderTimeouts => Counters.ResponderTimeouts;

        /// <summary>With -Forward: the upstream "host:port" the server relays to; null for an echo server.</summary>
        public string Forward { get; }

        /// <summary>The faults the server applies now (a copy: change them with <see cref="SetFaults"/>).</summary>
        public EchoFaults Faults => _faults.Current.Clone();

        /// <summary>The seed of every random choice the faults make: pass it as -Seed to replay a run.</summary>
        public int Seed => _faults.Seed;

        /// <summary>Bytes held back by -Latency.</summary>
        public long BytesDelayed => Counters.BytesDelayed;

        /// <summary>Bytes swallowed by -Blackhole.</summary>
        public long BytesBlackholed => Counters.BytesBlackholed;

        /// <summary>TCP connections reset on purpose (-ResetAfter, -Down).</summary>
        public long ConnectionsReset => Counters.ConnectionsReset;

        /// <summary>TCP connections closed by -LimitData.</summary>
        public long ConnectionsCut => Counters.ConnectionsCut;

        /// <summary>UDP datagrams dropped on purpose (-DropRate, -Blackhole).</summary>
        public long DatagramsLost => Counters.DatagramsLost;

        /// <summary>UDP datagrams sent twice (-DuplicateRate).</summary>
        public long DatagramsDuplicated => Counters.DatagramsDuplicated;

        /// <summary>UDP datagrams held back behind the next one (-ReorderRate).</summary>
        public long DatagramsReordered => Counters.DatagramsReordered;

        /// <summary>
        /// Replaces the faults (null clears them) for the next byte on every connection, open ones
        /// included; <paramref name="seed"/> restarts the random choices. Throws <see cref="NetException"/> for bad values.
        /// </summary>
        public void SetFaults(EchoFaults faults, int? seed = null)
        {
            var problem = faults?.Check();
            if (problem != null) throw new NetException(NetErrorKind.InvalidArgument, problem);
            var copy = faults?.Clone() ?? EchoFaults.None;
            _faults.Change(copy, seed);
            Raise(EchoServerEventKind.Fault, Protocol, null, 0, copy.IsEmpty ? "Faults cleared." : "Faults now: " + copy + ".");
        }

        /// <summary>
        /// Takes the server down as a failing host would go: open TCP connections are reset and
        /// nothing listens (new clients are refused, UDP gets port unreachable) until <see cref="Up"/>.
        /// </summary>
        public void Down()
        {
            lock (_stopLock)
            {
                if (State != EchoServerState.Running) return;
                State = EchoServerState.Down;
                _faults.ResetAll();
                CloseListeners();
            }
            Raise(EchoServerEventKind.Fault, Protocol, null, 0, "Down: listeners closed, open connections reset.");
        }

        /// <summary>Serves again on the same endpoints after <see cref="Down"/>; throws <see cref="NetException"/> when a port was taken meanwhile.</summary>
        public void Up()
        {
            lock (_stopLock)
            {
                if (State != EchoServerState.Down) return;
                var endPoints = LocalEndPoints;
                var sameEndPoints = new EchoServerOptions { Addresses = _options.Addresses, Port = Port, Protocol = _options.Protocol };
                Bind(sameEndPoints);
                LocalEndPoints = endPoints;
                foreach (var listener in _listeners) listener.Start();
                State = EchoServerState.Running;
            }
            Raise(EchoServerEventKind.Fault, Protocol, null, 0, "Up: listening again on " + string.Join(", ", LocalEndPoints.Select(e => e.ToString())));
        }

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
            ResolveForward(options);
            var server = new EchoServer(options);
            try
            {
                server.Bind(options);
                server.RefuseForwardToItself(options);
            }
            catch
            {
                (server._context.Service as IDisposable)?.Dispose(); // a responder's runspaces
                server._faults.Dispose();
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
            if (options.Forward != null || options.ForwardEndPoint != null)
            {
                string other = options.Discard ? "Discard" : options.ReplyFormat != null ? "ReplyFormat" : options.Responder != null ? "Responder" : null;
                if (other != null)
                    throw new NetException(NetErrorKind.InvalidArgument, $"A relay (Forward) passes bytes on unchanged, so it cannot also use {other}.");
            }
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
            var faultProblem = options.Faults?.Check();
            if (faultProblem != null) throw new NetException(NetErrorKind.InvalidArgument, faultProblem);
            if (ListenAddresses.TryFindOverlap(options.Addresses, out int first, out int second))
                throw new NetException(NetErrorKind.InvalidArgument,
                    $"The listen addresses {options.Addresses[first]} and {options.Addresses[second]} overlap; each address can be listened on once.");
        }

        /// <summary>-Forward's host:port to an endpoint, before anything listens; throws for a bad or unresolvable one.</summary>
        private static void ResolveForward(EchoServerOptions options)
        {
            if (options.Forward == null || options.ForwardEndPoint != null) return;
            if (!HostPort.TryParse(options.Forward, out var host, out int port) || port < 1 || port > IPEndPoint.MaxPort)
                throw new NetException(NetErrorKind.InvalidArgument, $"Forward '{options.Forward}' is not host:port (a port 1-65535; [::1]:7 for IPv6).");
            var addresses = HostResolver.Resolve(host, 5000, System.Threading.CancellationToken.None);
            options.ForwardEndPoint = new IPEndPoint(addresses[0], port);
        }

        /// <summary>Relaying to our own endpoint would loop every byte forever: refused once the port is known.</summary>
        private void RefuseForwardToItself(EchoServerOptions options)
        {
            var target = options.ForwardEndPoint;
            if (target == null) return;
            foreach (var own in LocalEndPoints)
            {
                if (own.Port != target.Port) continue;
                bool sameHost = own.Address.Equals(target.Address) || IPAddress.IsLoopback(target.Address) && (IPAddress.IsLoopback(own.Address) || ListenAddresses.IsAny(own.Address))
                    || ListenAddresses.IsAny(own.Address);
                if (!sameHost) continue;
                CloseListeners();
                throw new NetException(NetErrorKind.InvalidArgument, $"Forward {options.Forward} is this server's own endpoint ({own}): every byte would loop back to it.");
            }
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
                _context.Datagrams.Closed();
            }
            // After the connections closed: a responder stops what still runs and frees its runspaces.
            try { (_context.Service as IDisposable)?.Dispose(); }
            catch (Exception e) { Raise(EchoServerEventKind.Error, Protocol, null, 0, "Stopping the responder failed: " + e.Message); }
            _faults.Dispose();
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

using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security;
using System.Text;
using System.Threading;
using System;
using EchoNet.Access;
using EchoNet.Addressing;
using EchoNet.Binding;
using EchoNet.Completion;
using EchoNet.Engines;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Server;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>Starts a TCP and/or UDP echo server in the background, or in the foreground with -Wait.</summary>
    [Cmdlet(VerbsLifecycle.Start, "EchoServer", DefaultParameterSetName = "Plain")]
    [OutputType(typeof(EchoServer), typeof(EchoServerEvent))]
    public sealed class StartEchoServerCommand : PSCmdlet, IDisposable
    {
        /// <summary>Events -Wait holds for the pipeline at most; more are dropped and counted.</summary>
        private const int EventQueueCapacity = 10000;

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Address { get; set; } = { "127.0.0.1" };

        [Parameter]
        public EchoProtocol Protocol { get; set; } = EchoProtocol.Tcp;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxConnections { get; set; } = EchoServerOptions.DefaultMaxConnections;

        /// <summary>The most TCP connections one client address may hold at once.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxConnectionsPerClient { get; set; } = ClientConnectionLimit.DefaultMaxPerClient;

        /// <summary>UDP: datagrams per second answered for one source address; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int DatagramRateLimit { get; set; }

        /// <summary>Seconds a TCP connection may stay silent before it is closed; 0 never closes it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int IdleTimeout { get; set; } = (int)EchoServerOptions.DefaultIdleTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Serve TCP over TLS with this certificate (it must have its private key).</summary>
        [Parameter(ParameterSetName = "Certificate", Mandatory = true)]
        [ValidateNotNull]
        public X509Certificate2 Certificate { get; set; }

        /// <summary>Serve TCP over TLS with the certificate in this PFX (PKCS #12) file.</summary>
        [Parameter(ParameterSetName = "CertificatePath", Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; }

        [Parameter(ParameterSetName = "CertificatePath")]
        public SecureString CertificatePassword { get; set; }

        /// <summary>Only these addresses or CIDR ranges may connect (TCP) or be answered (UDP).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] AllowedClient { get; set; }

        /// <summary>These addresses or CIDR ranges are refused; deny wins over allow.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] DeniedClient { get; set; }

        /// <summary>Reply with this composite format ({0} = received text) instead of raw echo.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ReplyFormat { get; set; }

        /// <summary>With -ReplyFormat: reply per line ending in this terminator instead of per chunk.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Terminator { get; set; }

        /// <summary>RFC 863 discard: read everything (recorded and shown as usual), send nothing back.</summary>
        [Parameter]
        public SwitchParameter Discard { get; set; }

        /// <summary>Keep what arrives as events for Receive-EchoServerEvent.</summary>
        [Parameter]
        public SwitchParameter Record { get; set; }

        /// <summary>With -Record: bytes of events kept; the oldest go when it is full.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long RecordLimit { get; set; } = EchoServerOptions.DefaultRecordLimit;

        /// <summary>With -ReplyFormat -Terminator: the longest line a TCP client may send (characters).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxLineLength { get; set; } = Server.ReplyFormat.DefaultMaxLineLength;

        /// <summary>How received bytes become text (events' Text, -ReplyFormat) and replies become bytes.</summary>
        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Default;

        /// <summary>Answer each request with what this scriptblock writes (<c>param($Request)</c>).</summary>
        [Parameter]
        [ValidateNotNull]
        public ScriptBlock Responder { get; set; }

        /// <summary>With -Responder: sent to each TCP client as soon as it connects (a string, or a scriptblock given the connection).</summary>
        [Parameter]
        [ValidateNotNull]
        public object Greeting { get; set; }

        /// <summary>With -Responder: requests are exactly this many bytes instead of lines.</summary>
        [Parameter]
        public int RequestLength { get; set; }

        /// <summary>With -Responder: what follows each string a responder writes; default the request terminator.</summary>
        [Parameter]
        [AllowEmptyString]
        public string ReplyTerminator { get; set; }

        /// <summary>With -Responder: seconds one answer may run before it is stopped and its connection closed; 0 for no limit.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public double ResponderTimeout { get; set; } = DefaultResponderTimeout;

        /// <summary>With -Responder: runspaces in the server's pool (answers running at once).</summary>
        [Parameter]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>With -Responder: extra arguments for the responder (and a greeting scriptblock), after the request.</summary>
        [Parameter]
        public object[] ArgumentList { get; set; }

        /// <summary>With -Responder: run once in each runspace first (functions and variables the responder uses).</summary>
        [Parameter]
        public ScriptBlock InitializationScript { get; set; }

        /// <summary>Relay to this host:port instead of echoing: each TCP connection and each UDP client gets its own upstream.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Forward { get; set; }

        /// <summary>Milliseconds added to every chunk or datagram in the faulted direction (Toxiproxy's latency).</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int Latency { get; set; }

        /// <summary>With -Latency: up to this many milliseconds more or less, drawn per chunk.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int Jitter { get; set; }

        /// <summary>Bytes per second per connection and direction (Toxiproxy's bandwidth).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long Bandwidth { get; set; }

        /// <summary>Bytes go out in segments of at most this size (Toxiproxy's slicer).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Slice { get; set; }

        /// <summary>With -Slice: milliseconds between two segments.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int SliceDelay { get; set; }

        /// <summary>Close the connection (FIN) once this many bytes went through (Toxiproxy's limit_data).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long LimitData { get; set; }

        /// <summary>Reset the connection (RST) once this many bytes went through (Toxiproxy's reset_peer).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long ResetAfter { get; set; }

        /// <summary>Accept, then let nothing through (Toxiproxy's timeout).</summary>
        [Parameter]
        public SwitchParameter Blackhole { get; set; }

        /// <summary>With -Blackhole: milliseconds after which the connection is closed; 0 never.</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int BlackholeTimeout { get; set; }

        /// <summary>Milliseconds the server waits before it closes a connection (Toxiproxy's slow_close).</summary>
        [Parameter]
        [ValidateRange(0, EchoFaults.MaxMilliseconds)]
        public int SlowClose { get; set; }

        /// <summary>Which way the faults act: Downstream (server to client, the default), Upstream or Both.</summary>
        [Parameter]
        public FaultDirection FaultDirection { get; set; } = FaultDirection.Downstream;

        /// <summary>The share of connections (TCP) or datagrams (UDP) the faults act on, 0 to 1 (Toxiproxy's toxicity).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double FaultRate { get; set; } = 1;

        /// <summary>Seeds every random choice the faults make, so a run can be replayed.</summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>UDP: the share of datagrams not answered, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double DropRate { get; set; }

        /// <summary>UDP: the share of datagrams answered twice, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double DuplicateRate { get; set; }

        /// <summary>UDP: the share of datagrams held back behind the next one, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double ReorderRate { get; set; }

        public const double DefaultResponderTimeout = 30;
        public const int DefaultThrottleLimit = 4;

        protected override void EndProcessing()
        {
            var addresses = ParseAddresses();
            if (Protocol == EchoProtocol.Udp && (Certificate != null || CertificatePath != null))
                ThrowTerminatingError(NetErrors.InvalidArgument("CertificateNeedsTcp",
                    "-Certificate and -CertificatePath serve TCP over TLS; UDP has no TLS here and would echo in plaintext. Add Tcp to -Protocol, or leave the certificate out.",
                    Protocol));
            if (Protocol == (EchoProtocol.Tcp | EchoProtocol.Udp) && (Certificate != null || CertificatePath != null))
                WriteWarning("TLS applies to TCP only: UDP clients on this server are echoed in plaintext.");

            var replyFormat = ReplyFormat == null ? null : new ReplyFormat(ReplyFormat, Encoding, Terminator, MaxLineLength);
            var formatProblem = ReplyFormat == null ? null : Server.ReplyFormat.Check(ReplyFormat);
            if (formatProblem != null)
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidReplyFormat",
                    $"-ReplyFormat '{ReplyFormat}' is not a usable format string: {formatProblem} Use {{0}} for the received text and {{{{ }}}} for literal braces.",
                    ReplyFormat));
            if (Discard && ReplyFormat != null)
                ThrowTerminatingError(NetErrors.InvalidArgument("DiscardWithReplyFormat",
                    "-Discard sends nothing back, so it cannot be combined with -ReplyFormat. Use one or the other.",
                    ReplyFormat));
            CheckResponderParameters();
            CheckForwardParameters();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(RecordLimit)) && !Record)
                WriteWarning("-RecordLimit only matters with -Record.");
            if (Terminator != null && ReplyFormat == null && Responder == null)
                WriteWarning("-Terminator only matters with -ReplyFormat or -Responder; raw echo returns every byte as it comes.");
            if (Terminator == null && Responder == null && MyInvocation.BoundParameters.ContainsKey(nameof(MaxLineLength)))
                WriteWarning("-MaxLineLength only matters with -ReplyFormat and -Terminator; without a terminator there are no lines.");
            WarnAboutLimits(addresses);

            var certificate = Certificate;
            if (CertificatePath != null)
            {
                certificate = CertificateLoader.FromPfx(GetUnresolvedProviderPathFromPSPath(CertificatePath), CertificatePassword, out var loadError);
                if (loadError != null) ThrowTerminatingError(loadError);
            }

            var options = new EchoServerOptions
            {
                Addresses = addresses,
                Port = Port,
                Protocol = Protocol,
                MaxConnections = MaxConnections,
                MaxConnectionsPerClient = MaxConnectionsPerClient,
                DatagramRateLimit = DatagramRateLimit,
                IdleTimeout = TimeSpan.FromSeconds(IdleTimeout),
                ReplyFormat = replyFormat,
                Certificate = certificate,
                ClientFilter = new ClientFilter(ParseRanges(AllowedClient), ParseRanges(DeniedClient)),
                Discard = Discard,
                Record = Record,
                RecordLimit = RecordLimit,
                Encoding = Encoding,
                RequestTerminator = Terminator,
                RequestLength = RequestLength,
                MaxRequestLength = MaxLineLength,
                ResponderTimeout = TimeSpan.FromSeconds(ResponderTimeout),
                Faults = FaultParameters.Apply(null, MyInvocation.BoundParameters),
                Forward = Forward,
                FaultSeed = MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : (int?)null,
            };

            EchoServer server;
            try
            {
                // Last, once every parameter is known good: the pool's runspaces are opened here.
                options.Responder = NewResponder();
                server = EchoServer.Start(options);
            }
            catch (NetException e)
            {
                options.Responder?.Dispose();
                ThrowTerminatingError(NetErrors.ToErrorRecord(e, Port));
                return;
            }
            catch
            {
                options.Responder?.Dispose();
                throw;
            }

            WriteVerbose(Describe(server));
            if (Wait) RunInForeground(server);
            else WriteObject(server);
        }

        /// <summary>The reply terminator: -ReplyTerminator, else the request terminator (LF by default; none for -RequestLength).</summary>
        private string EffectiveReplyTerminator =>
            ReplyTerminator ?? (RequestLength > 0 ? string.Empty : Terminator ?? "\n");

        private Responders.ScriptResponder NewResponder() => Responder == null ? null
            : new Responders.ScriptResponder(Responder, Greeting is PSObject wrapped ? wrapped.BaseObject : Greeting,
                InitializationScript, ArgumentList, ThrottleLimit, Encoding, EffectiveReplyTerminator,
                mirrorCarriageReturn: ReplyTerminator == null && Terminator == null && RequestLength == 0,
                datagramTerminator: ReplyTerminator ?? string.Empty);

        /// <summary>-Forward relays bytes unchanged: it does not mix with what changes or answers them.</summary>
        private void CheckForwardParameters()
        {
            if (Forward == null) return;
            foreach (var name in new[] { nameof(Discard), nameof(ReplyFormat), nameof(Responder) })
                if (MyInvocation.BoundParameters.ContainsKey(name))
                    ThrowTerminatingError(NetErrors.InvalidArgument("ForwardWith" + name,
                        $"-Forward relays bytes to {Forward} unchanged, so it cannot be combined with -{name}. Use one or the other.",
                        Forward));
            if (!HostPort.TryParse(Forward, out _, out int port) || port < 1 || port > 65535)
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidForward",
                    $"-Forward '{Forward}' is not host:port: give a host and a port 1-65535, such as 127.0.0.1:8080 or [::1]:8080.",
                    Forward));
        }

        /// <summary>-Responder's parameters, checked before anything starts: conflicts and bad values are terminating errors.</summary>
        private void CheckResponderParameters()
        {
            if (Responder == null)
            {
                foreach (var name in new[] { nameof(Greeting), nameof(RequestLength), nameof(ReplyTerminator), nameof(ResponderTimeout), nameof(ThrottleLimit), nameof(ArgumentList), nameof(InitializationScript) })
                    if (MyInvocation.BoundParameters.ContainsKey(name))
                        ThrowTerminatingError(NetErrors.InvalidArgument(name + "NeedsResponder",
                            $"-{name} only works with -Responder, which answers framed requests; add a -Responder scriptblock or leave -{name} out.",
                            MyInvocation.BoundParameters[name]));
                return;
            }
            if (ReplyFormat != null)
                ThrowTerminatingError(NetErrors.InvalidArgument("ResponderWithReplyFormat",
                    "-Responder answers each request itself, so it cannot be combined with -ReplyFormat. Write the formatted reply in the scriptblock instead.",
                    ReplyFormat));
            if (Discard)
                ThrowTerminatingError(NetErrors.InvalidArgument("ResponderWithDiscard",
                    "-Responder answers requests and -Discard sends nothing back: use one or the other (a responder that writes nothing sends nothing).",
                    Responder));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(RequestLength)) && RequestLength < 1)
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidRequestLength",
                    $"-RequestLength {RequestLength} frames nothing: give the request size in bytes (1 or more), or leave it out to frame lines by -Terminator.",
                    RequestLength));
            if (RequestLength > 0 && Terminator != null)
                ThrowTerminatingError(NetErrors.InvalidArgument("RequestLengthWithTerminator",
                    "-RequestLength frames requests by size and -Terminator by a terminator: use one of them.",
                    Terminator));
            if (ThrottleLimit < 1)
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidThrottleLimit",
                    $"-ThrottleLimit {ThrottleLimit}: the responder needs at least one runspace to answer in.",
                    ThrottleLimit));
            var greeting = Greeting is PSObject wrapped ? wrapped.BaseObject : Greeting;
            if (greeting != null && !(greeting is string) && !(greeting is ScriptBlock))
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidGreeting",
                    $"-Greeting takes a string or a scriptblock (given the connection), not {greeting.GetType().Name}.",
                    greeting));
            if (greeting is string text)
            {
                int bytes = Encoding.GetByteCount(text) + Encoding.GetByteCount(EffectiveReplyTerminator);
                if (bytes > MaxLineLength)
                    ThrowTerminatingError(NetErrors.InvalidArgument("GreetingTooLong",
                        $"-Greeting is {bytes} bytes, more than -MaxLineLength ({MaxLineLength}): raise -MaxLineLength or shorten the greeting.",
                        text));
            }
            if (Protocol == EchoProtocol.Udp && greeting != null)
                WriteWarning("-Greeting greets TCP clients as they connect; UDP has no connections, so a UDP-only server never sends it.");
        }

        /// <summary>The -Verbose line: where the server listens, on which engine, and what it does with what arrives.</summary>
        private string Describe(EchoServer server)
        {
            string serving = server.Forward != null ? $"relays to {server.Forward}" : server.Discard ? "discards what arrives" : ReplyFormat != null ? "answers with its reply format"
                : server.Responding ? $"answers requests with its responder in {ThrottleLimit} runspaces" : "echoes what arrives";
            string recording = server.Recording ? $", records up to {server.RecordLimit} bytes" : string.Empty;
            string tls = server.Tls ? $", TLS as {server.CertificateSubject}" : string.Empty;
            var faults = server.Faults;
            string faulted = faults.IsEmpty ? string.Empty : $"; faults: {faults} (seed {server.Seed})";
            return $"Echo server {server.Id} listens on {string.Join(", ", server.LocalEndPoints.Select(e => e.ToString()))} ({server.Protocol}, {server.Engine} engine{tls}); it {serving}{recording}; at most {server.MaxConnections} connections, {server.MaxConnectionsPerClient} per client{faulted}.";
        }

        private void WarnAboutLimits(IPAddress[] addresses)
        {
            var descriptors = (Protocol & EchoProtocol.Tcp) != 0 ? DescriptorLimit.Read() : null;
            if (descriptors != null && MaxConnections > descriptors.Available)
                WriteWarning($"-MaxConnections {MaxConnections} is more than this process can open: its file descriptor limit (ulimit -n) is {descriptors.Limit} and {descriptors.InUse} are in use. Clients beyond that wait until descriptors free up; raise the limit or lower -MaxConnections.");
            var exposed = addresses.FirstOrDefault(a => !IPAddress.IsLoopback(a));
            if ((Protocol & EchoProtocol.Udp) != 0 && DatagramRateLimit == 0 && exposed != null)
                WriteWarning($"UDP on {exposed} answers anyone who can reach it, spoofed senders included: -DatagramRateLimit caps the datagrams per second one source address gets.");
        }

        private IPAddress[] ParseAddresses()
        {
            var addresses = new IPAddress[Address.Length];
            for (int i = 0; i < Address.Length; i++)
            {
                addresses[i] = ListenAddresses.Parse(Address[i], out var problem);
                if (addresses[i] == null)
                    ThrowTerminatingError(NetErrors.InvalidArgument("InvalidListenAddress",
                        $"{problem} -Address takes a local address literal such as 127.0.0.1 or ::1, 'localhost', or '*' for every address.",
                        Address[i]));
                if (ListenAddresses.IsAny(addresses[i]))
                    WriteWarning($"Listening on every network address ({Address[i]}): any host that can reach this machine can use the echo server.");
            }
            if (ListenAddresses.TryFindOverlap(addresses, out int first, out int second))
                ThrowTerminatingError(NetErrors.InvalidArgument("DuplicateListenAddress",
                    addresses[first].Equals(addresses[second])
                        ? $"-Address names {addresses[first]} twice ('{Address[first]}' and '{Address[second]}'); one server listens on each address once."
                        : $"-Address '{Address[first]}' and '{Address[second]}' overlap: '{(ListenAddresses.IsAny(addresses[first]) ? Address[first] : Address[second])}' already listens on every address the other names ('*' and '::' on IPv4 too), so the other cannot have a listener of its own. Leave one of them out.",
                    Address[second]));
            return addresses;
        }

        private AddressRange[] ParseRanges(string[] texts)
        {
            if (texts == null) return null;
            var ranges = new AddressRange[texts.Length];
            for (int i = 0; i < texts.Length; i++)
            {
                ranges[i] = AddressRange.Parse(texts[i], out var problem);
                if (ranges[i] == null) ThrowTerminatingError(NetErrors.InvalidArgument("InvalidClientRange", problem, texts[i]));
            }
            return ranges;
        }

        /// <summary>The type name of a server written by -Wait.</summary>
        public const string WaitingTypeName = "EchoNet.EchoServer#Waiting";

        /// <summary>
        /// The server as -Wait writes it: the same object, with a type name whose view prints one
        /// line out of band, so the events that follow form their own table instead of a list.
        /// </summary>
        private static PSObject AsWaiting(EchoServer server)
        {
            var wrapped = new PSObject(server);
            wrapped.TypeNames.Insert(0, WaitingTypeName);
            return wrapped;
        }

        /// <summary>
        /// Writes the server's events until Ctrl+C or Stop-EchoServer, then stops it. Socket
        /// threads only queue events; this (the pipeline) thread writes them. The queue is bounded:
        /// when the pipeline cannot keep up (a flood of datagrams, a slow consumer), further events
        /// are dropped and counted, and a warning says how many, so memory never grows without limit.
        /// </summary>
        private void RunInForeground(EchoServer server)
        {
            long dropped = 0, reported = 0;
            using (var events = new BlockingCollection<EchoServerEvent>(EventQueueCapacity))
            {
                EventHandler<EchoServerEvent> onActivity = (_, e) =>
                {
                    try
                    {
                        if (!events.TryAdd(e)) Interlocked.Increment(ref dropped);
                        // The last event: what is queued is still written, then the loop ends.
                        if (e.Kind == EchoServerEventKind.Stopped) events.CompleteAdding();
                    }
                    catch (InvalidOperationException) { /* stopped: nothing more is written */ }
                };
                // Subscribe before the server object goes out: a client that connects as soon as
                // it sees the port must not be missed.
                server.Activity += onActivity;
                try
                {
                    WriteObject(AsWaiting(server));
                    WriteInformation(new HostInformationMessage { Message = "Press Ctrl+C to stop." }, new[] { "PSHOST" });
                    if (server.State == EchoServerState.Stopped) return;
                    foreach (var e in events.GetConsumingEnumerable(_stop.Token))
                    {
                        WriteObject(e);
                        if (events.Count == 0) reported = WarnDropped(Interlocked.Read(ref dropped), reported);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or Stop-Job: fall through and stop the server.
                }
                finally
                {
                    server.Activity -= onActivity;
                    server.Stop();
                    if (!events.IsAddingCompleted) events.CompleteAdding();
                }
                WarnDropped(Interlocked.Read(ref dropped), reported);
            }
        }

        /// <summary>Says how many events were dropped since the last warning; returns the new total reported.</summary>
        private long WarnDropped(long dropped, long reported)
        {
            if (dropped == reported) return reported;
            WriteWarning($"-Wait dropped {dropped - reported} event(s) ({dropped} in all): the pipeline did not keep up and at most {EventQueueCapacity} events wait to be written. The server's counters still count every connection and datagram.");
            return dropped;
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, stopped or not.</summary>
        public void Dispose() => _stop.Dispose();
    }
}

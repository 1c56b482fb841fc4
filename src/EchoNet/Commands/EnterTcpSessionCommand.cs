using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using EchoNet.Addressing;
using System.Text;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.Errors;
using EchoNet.ErrorRecords;
using EchoNet.Interactive;
using EchoNet.Planning;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>
    /// The interactive mode, as "nc host port": lines typed go to the peer with the chosen line
    /// ending; what arrives is written to the host as it arrives, control characters escaped.
    /// Ctrl+C or the peer closing leaves; end of input (Ctrl+D) half-closes and shows what the
    /// peer still sends. A connection it opened is closed on leaving; a session passed in stays
    /// open unless -Disconnect. With piped lines, what the peer says is output (strings, one per
    /// line) instead of being written to the host.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "TcpSession", DefaultParameterSetName = ComputerNameSet)]
    [OutputType(typeof(string))]
    public sealed class EnterTcpSessionCommand : ClientCommand
    {
        private const string ComputerNameSet = "ComputerName";
        private const string SessionSet = "Session";
        private const string ListenSet = "Listen";

        [Parameter(Position = 0, Mandatory = true, ParameterSetName = ComputerNameSet)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComputerNameCompleter))]
        public string ComputerName { get; set; }

        /// <summary>The peer's port; with -Listen, the port to listen on (0, the default there, lets the system choose; the status line names it).</summary>
        [Parameter(Position = 1, ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = ListenSet)]
        [ValidateRange(0, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int Port { get; set; }

        /// <summary>Wait for a client instead of connecting, as "nc -l": one client, then leave.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ListenSet)]
        public SwitchParameter Listen { get; set; }

        /// <summary>With -Listen: the local address to listen on (default 127.0.0.1; * or any for every interface).</summary>
        [Parameter(ParameterSetName = ListenSet)]
        [ValidateNotNullOrEmpty]
        [Alias("LocalAddress")]
        [ArgumentCompleter(typeof(ListenAddressCompleter))]
        public string Address { get; set; } = "127.0.0.1";

        /// <summary>With -Listen: after a client leaves, wait for the next (as "nc -lk") until Ctrl+C.</summary>
        [Parameter(ParameterSetName = ListenSet)]
        public SwitchParameter KeepListening { get; set; }

        /// <summary>Write the bytes that arrive to this file, exactly as they come (as "nc -l > file"), instead of showing them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public TcpSession Session { get; set; }

        /// <summary>Lines to send instead of reading the host, as "echo text | nc host port": sent, then end of input.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyString]
        public string InputObject { get; set; }

        private readonly System.Collections.Generic.List<string> _pipedLines = new System.Collections.Generic.List<string>();
        private bool _piped;

        /// <summary>Close the session passed with -Session on leaving (by default it stays open).</summary>
        [Parameter(ParameterSetName = SessionSet)]
        public SwitchParameter Disconnect { get; set; }

        /// <summary>What ends each line sent: LF (default, as nc sends), CRLF (SMTP, HTTP, Telnet-style protocols) or CR.</summary>
        [Parameter]
        [ValidateSet("LF", "CRLF", "CR", IgnoreCase = true)]
        public string LineEnding { get; set; } = "LF";

        /// <summary>Text encoding of lines sent and bytes shown; default the session's, or UTF-8 without BOM.</summary>
        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; }

        /// <summary>Milliseconds that bound the connect, the TLS handshake and each line's send.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter UseTls { get; set; }

        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        private ClientPlan _connect;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ParameterSetName == ComputerNameSet)
                _connect = ClientPlan.Connect(Timeout, TlsOptions(UseTls, ServerName, SkipCertificateCheck), Encoding ?? TextEncodings.Default, Tracing);
        }

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(InputObject)))
            {
                _piped = true;
                _pipedLines.Add(InputObject);
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ListenSet)
            {
                ListenForClients();
                return;
            }
            bool owned = _connect != null;
            var session = owned ? Open() : Session;
            if (session == null) return;
            // A closed session is refused before anything is shown or the console is read.
            if (!owned && session.WhyClosed() is Errors.NetException closed)
            {
                WriteError(NetErrors.ToErrorRecord(closed, session.Target));
                return;
            }
            using (var file = OpenOutFile())
            {
                var interactive = new InteractiveSession(session, LineEnding, Encoding, Timeout, closeOnLeave: owned || Disconnect, receivedTo: file);
                Converse((input, terminal) => interactive.Run(input, terminal, Cancel), session.Target);
            }
        }

        /// <summary>-Listen: the core's listener takes the clients; each one's failure is written and the next is taken.</summary>
        private void ListenForClients()
        {
            var address = ListenAddresses.Parse(Address, out var problem);
            if (address == null)
                ThrowTerminatingError(NetErrors.InvalidArgument("InvalidListenAddress", $"Cannot listen on '{Address}': {problem}", Address));
            using (var file = OpenOutFile())
            {
                var listener = new InteractiveListener(new IPEndPoint(address, Port), KeepListening,
                    session => new InteractiveSession(session, LineEnding, Encoding, Timeout, closeOnLeave: true, receivedTo: file));
                Converse((input, terminal) => listener.Run(input, terminal,
                    (failure, client) => WriteError(NetErrors.ToErrorRecord(failure, client)), Cancel), HostPort.Format(Address, Port));
            }
        }

        /// <summary>The -OutFile stream (created or truncated), or null without -OutFile.</summary>
        private FileStream OpenOutFile()
        {
            if (OutFile == null) return null;
            var path = GetUnresolvedProviderPathFromPSPath(OutFile);
            try
            {
                return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "OutFileNotWritable", ErrorCategory.WriteError, path));
                return null;
            }
        }

        /// <summary>Runs the conversation with the input and terminal that fit: piped lines and the pipeline, or the console.</summary>
        private void Converse(Func<ILineSource, ISessionTerminal, NetException> run, string target)
        {
            NetException failure;
            if (_piped)
            {
                var output = new PipelineSessionTerminal(WriteObject, WriteVerbose);
                failure = run(HostInputReader.FromLines(_pipedLines), output);
                output.Complete();
            }
            else
            {
                var terminal = new HostSessionTerminal(Host.UI);
                using (var editor = ConsoleLineEditor.TryOpen(Host.Name, terminal.Echo))
                {
                    terminal.Editor = editor;
                    failure = run((ILineSource)editor ?? HostInputReader.Start(Host.UI), terminal);
                }
            }
            if (failure != null) WriteError(NetErrors.ToErrorRecord(failure, target));
        }

        /// <summary>The session the plan opens, its trace and failure written; null when it failed.</summary>
        private TcpSession Open()
        {
            bool portGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Port));
            TcpSession session = null;
            using (var runner = new ClientRunner(_connect, Cancel))
            {
                foreach (var report in runner.Send(ResolveTargets(new[] { ComputerName }, portGiven ? new[] { Port } : null), null))
                {
                    if (report.Result is TcpSession opened) session = opened;
                    else WriteReport(report);
                }
            }
            return session;
        }
    }
}

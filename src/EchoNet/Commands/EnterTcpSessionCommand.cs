using System.Management.Automation;
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

        [Parameter(Position = 0, Mandatory = true, ParameterSetName = ComputerNameSet)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; }

        [Parameter(Position = 1, ParameterSetName = ComputerNameSet)]
        [ValidateRange(1, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int Port { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
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
            bool owned = _connect != null;
            var session = owned ? Open() : Session;
            if (session == null) return;
            var interactive = new InteractiveSession(session, LineEnding, Encoding, Timeout, closeOnLeave: owned || Disconnect);
            Converse(interactive, session.Target);
        }

        /// <summary>Runs the session with the input and terminal that fit: piped lines and the pipeline, or the console.</summary>
        private void Converse(InteractiveSession interactive, string target)
        {
            NetException failure;
            if (_piped)
            {
                var output = new PipelineSessionTerminal(WriteObject, WriteVerbose);
                failure = interactive.Run(HostInputReader.FromLines(_pipedLines), output, Cancel);
                output.Complete();
            }
            else
            {
                var terminal = new HostSessionTerminal(Host.UI);
                using (var editor = ConsoleLineEditor.TryOpen(Host.Name, terminal.Echo))
                {
                    terminal.Editor = editor;
                    failure = interactive.Run((ILineSource)editor ?? HostInputReader.Start(Host.UI), terminal, Cancel);
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

using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using EchoNet.Addressing;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Interactive;
using EchoNet.Sending;
using EchoNet.Text;
using EchoNet.Timing;

namespace EchoNet.Commands
{
    /// <summary>
    /// The interactive mode, as "nc host port": lines typed go to the peer with the chosen line
    /// ending; what arrives is written to the host as it arrives, control characters escaped.
    /// Ctrl+C, end of input or the peer closing leaves. A connection it opened is closed on
    /// leaving; a session passed in stays open unless -Disconnect.
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "TcpSession", DefaultParameterSetName = ComputerNameSet)]
    [OutputType(typeof(void))]
    public sealed class EnterTcpSessionCommand : ConversationCommand
    {
        private const string ComputerNameSet = "ComputerName";
        private const string SessionSet = "Session";

        // How long one wait for network bytes lasts before typed lines and Ctrl+C are looked at again.
        private const int PollMs = 50;

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
            bool owned = ParameterSetName == ComputerNameSet;
            var session = owned ? Open() : Session;
            if (session == null) return;
            var encoding = Encoding ?? session.Encoding ?? TextEncodings.Default;
            var ending = LineEnding.ToUpperInvariant() == "CRLF" ? "\r\n" : LineEnding.ToUpperInvariant() == "CR" ? "\r" : "\n";
            bool closeOnLeave = owned || Disconnect;
            var display = new StreamDisplayText(encoding);
            bool canceled = false, inputEnded = false;
            Say($"Connected to {session.Target} (session {session.Id}). Lines go out ending in {LineEnding.ToUpperInvariant()}; " +
                (closeOnLeave ? "Ctrl+C or end of input leaves and closes." : "Ctrl+C or end of input leaves; the session stays open."));
            try
            {
                var input = _piped ? HostInputReader.FromLines(_pipedLines) : HostInputReader.Start(Host.UI);
                long quietSince = 0;
                while (true)
                {
                    if (Cancel.IsCancellationRequested) { canceled = true; break; }
                    while (!inputEnded && input.TryTake(out var line))
                    {
                        if (line == null) { inputEnded = true; quietSince = Stopwatch.GetTimestamp(); break; }
                        session.Exchange(encoding.GetBytes(line + ending), ReplyRule.ForNoReply(), Timeout, Cancel);
                    }
                    var bytes = session.ReceiveAvailable(PollMs);
                    if (bytes.Length > 0 && inputEnded) quietSince = Stopwatch.GetTimestamp();
                    bool peerClosed = session.State == TcpSessionState.Closed;
                    if (bytes.Length > 0 || peerClosed) Host.UI.Write(display.Next(bytes, flush: peerClosed));
                    if (peerClosed)
                    {
                        Say($"{session.Target} closed the connection.");
                        break;
                    }
                    // After end of input, what the peer still says is shown until it has been quiet a while (as a reply's default rule ends).
                    if (inputEnded && Waits.ElapsedMs(quietSince) >= ReplyRule.DefaultQuietMs)
                    {
                        Say("End of input.");
                        break;
                    }
                }
            }
            catch (NetException e) when (e.Kind == NetErrorKind.Canceled)
            {
                canceled = true;
            }
            catch (NetException e)
            {
                WriteError(NetErrors.ToErrorRecord(e.Naming(session.Target), session.Target));
            }
            finally
            {
                if (closeOnLeave)
                {
                    var leftover = session.Close();
                    if (leftover != null && !canceled) Host.UI.Write(display.Next(leftover.ReplyBytes, flush: true));
                }
                else if (session.State == TcpSessionState.Open)
                {
                    Say($"Session {session.Id} ({session.Target}) stays open: Disconnect-TcpSession -Id {session.Id} closes it.");
                }
            }
        }

        /// <summary>Status lines go to the host on their own line, apart from the peer's bytes.</summary>
        private void Say(string text)
        {
            try { Host.UI.WriteLine(); Host.UI.WriteLine("[" + text + "]"); }
            catch (PipelineStoppedException) { }
        }

        private TcpSession Open()
        {
            bool portGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Port));
            var tls = UseTls ? new TlsClientOptions { ServerName = ServerName, SkipCertificateCheck = SkipCertificateCheck } : null;
            return OpenSession(ComputerName, portGiven ? Port : (int?)null, Timeout, tls, Encoding ?? TextEncodings.Default);
        }
    }
}

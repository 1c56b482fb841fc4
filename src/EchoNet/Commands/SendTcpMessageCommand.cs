using System;
using System.IO;
using System.Management.Automation;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Client;
using EchoNet.Planning;

namespace EchoNet.Commands
{
    /// <summary>
    /// Sends messages over TCP (or TLS) and returns one result per message with its reply, cut
    /// by the reply rule; over a connection of its own, or over an open session (-Session).
    /// A failed message gives a result (Status, Error) and a non-terminating error naming the
    /// target; the next message connects again.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TcpMessage", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(TcpMessageResult))]
    public sealed class SendTcpMessageCommand : SendCommandBase
    {
        private const string SessionTextSet = "SessionText";
        private const string SessionBytesSet = "SessionBytes";

        [Parameter(ParameterSetName = TextSet, Position = 2, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = SessionTextSet, Position = 1, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Message { get; set; }

        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [Parameter(ParameterSetName = SessionBytesSet, Mandatory = true)]
        [AllowEmptyCollection]
        public byte[] Bytes { get; set; }

        /// <summary>An open session from Connect-TcpSession: no connect, no close.</summary>
        [Parameter(ParameterSetName = SessionTextSet, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = SessionBytesSet, Mandatory = true, Position = 0)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public TcpSession Session { get; set; }

        /// <summary>Send a file's bytes as the message, read as they are sent (never loaded whole).</summary>
        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        [Alias("LiteralPath", "FullName")]
        public string Path { get; set; }

        /// <summary>With -Path: write what comes back to this file as it arrives, instead of holding it as the reply.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; }

        /// <summary>On connecting, first read what the server says by itself (SMTP's 220, FTP, SSH banners) as a result of its own, so the replies line up with the messages.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        public SwitchParameter ReadGreeting { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Terminator { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ReplyLength { get; set; }

        [Parameter]
        public SwitchParameter NoReply { get; set; }

        /// <summary>Milliseconds of silence after some reply bytes that end a reply (default rule only).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int QuietTimeout { get; set; } = ReplyRule.DefaultQuietMs;

        [Parameter]
        [ValidateRange(1, ReplyRule.MaximumMaxReplyBytes)]
        public int MaxReplyBytes { get; set; } = ReplyRule.DefaultMaxReplyBytes;

        /// <summary>Speak TLS; the server certificate and name are validated unless -SkipCertificateCheck.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        public SwitchParameter UseTls { get; set; }

        /// <summary>Accept any server certificate (test servers only). Implies nothing without -UseTls.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The name sent as SNI and checked against the certificate; default: -ComputerName.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var tls = TlsOptions(UseTls, ServerName, SkipCertificateCheck);
            // Over a session, text is in the session's encoding unless -Encoding says otherwise.
            var encoding = Session != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Encoding)) ? Session.Encoding : Encoding;
            var rule = ReplyRuleParameters.Build(Terminator, MyInvocation.BoundParameters.ContainsKey(nameof(ReplyLength)) ? ReplyLength : (int?)null,
                NoReply, QuietTimeout, MaxReplyBytes, encoding, out var error);
            if (rule == null) ThrowTerminatingError(error);
            // No message and -NoReply: a pure connect test, where a failed connect is a result and not also an error.
            bool connectTest = NoReply && Message == null && ParameterSetName == TextSet && !MyInvocation.ExpectingInput;
            var settings = new TcpConversationSettings(rule, encoding, Timeout, tls, connectTest && Path == null, Tracing, PrepareOutFile(), ReadGreeting);
            bool sendsBytes = ParameterSetName == BytesSet || ParameterSetName == SessionBytesSet;
            var payloads = Path != null ? FilePayloads() : sendsBytes ? ClientPayloads.Raw(Bytes) : TextPayloads(Message, encoding);
            Start(Session != null ? ClientPlan.OverSession(Session, settings, payloads) : ClientPlan.Tcp(settings, payloads, ThrottleLimit));
        }

        protected override void ProcessRecord() => Run(Message);

        /// <summary>-Path as the plan's payloads, once the file is known to be there.</summary>
        private ClientPayloads FilePayloads()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (Message != null || MyInvocation.ExpectingInput)
                ThrowTerminatingError(NetErrors.InvalidArgument("PathWithMessage", "-Path sends a file as the message; give no -Message and pipe nothing with it.", Path));
            if (!File.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"No file {path} to send.", path), "PathNotFound", ErrorCategory.ObjectNotFound, Path));
            return ClientPayloads.File(path);
        }

        /// <summary>The -OutFile path, the file created (or emptied) now, each exchange appending to it; null without -OutFile.</summary>
        private string PrepareOutFile()
        {
            if (OutFile == null) return null;
            if (Path == null)
                ThrowTerminatingError(NetErrors.InvalidArgument("OutFileNeedsPath", "-OutFile takes the reply to a file sent with -Path; give -Path too.", OutFile));
            if (Terminator != null)
                ThrowTerminatingError(NetErrors.InvalidArgument("OutFileWithTerminator",
                    "-OutFile writes the reply as it arrives; end it by the default rule or -ReplyLength, not -Terminator.", Terminator));
            var path = GetUnresolvedProviderPathFromPSPath(OutFile);
            try { File.Create(path).Dispose(); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "OutFileNotWritable", ErrorCategory.WriteError, OutFile));
            }
            return path;
        }
    }
}

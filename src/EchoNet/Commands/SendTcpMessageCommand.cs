using System.Management.Automation;
using EchoNet.Client;
using EchoNet.ErrorRecords;
using EchoNet.Sending;

namespace EchoNet.Commands
{
    /// <summary>
    /// Sends messages over one TCP connection and returns one result per message with its reply.
    /// A failed record (refused, timed out, reset) is a non-terminating error; the next record
    /// connects again.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TcpMessage", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(TcpMessageResult))]
    public sealed class SendTcpMessageCommand : SendCommandBase
    {
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
        [ValidateRange(1, int.MaxValue)]
        public int MaxReplyBytes { get; set; } = ReplyRule.DefaultMaxReplyBytes;

        /// <summary>Speak TLS; the server certificate and name are validated unless -SkipCertificateCheck.</summary>
        [Parameter]
        public SwitchParameter UseTls { get; set; }

        /// <summary>Accept any server certificate (test servers only). Implies nothing without -UseTls.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>The name sent as SNI and checked against the certificate; default: -ComputerName.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        protected override ConversationOpener CreateOpener()
        {
            bool lengthGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ReplyLength));
            int rules = (Terminator != null ? 1 : 0) + (lengthGiven ? 1 : 0) + (NoReply ? 1 : 0);
            if ((SkipCertificateCheck || ServerName != null) && !UseTls)
                WriteWarning("-SkipCertificateCheck and -ServerName only matter with -UseTls.");
            if (rules > 1)
                ThrowTerminatingError(NetErrors.InvalidArgument("ConflictingReplyRules",
                    "Use only one of -Terminator, -ReplyLength and -NoReply.", null));
            var rule = Terminator != null ? ReplyRule.ForTerminator(Encoding.GetBytes(Terminator))
                : lengthGiven ? ReplyRule.ForLength(ReplyLength)
                : NoReply ? ReplyRule.ForNoReply()
                : new ReplyRule();
            rule.QuietMs = QuietTimeout;
            rule.MaxReplyBytes = MaxReplyBytes;
            var tls = UseTls ? new TlsClientOptions { ServerName = ServerName, SkipCertificateCheck = SkipCertificateCheck } : null;
            // No message and -NoReply: a pure connect test, where a failed connect is a result, not an error.
            bool connectTest = NoReply && Message == null && ParameterSetName == TextSet && !MyInvocation.ExpectingInput;
            var settings = new TcpConversationSettings(rule, Encoding, Timeout, tls, connectTest);
            return (target, cancel) => settings.Open(target.ComputerName, target.Port, cancel);
        }
    }
}

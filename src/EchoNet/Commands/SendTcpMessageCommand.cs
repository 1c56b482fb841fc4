using System.Management.Automation;
using System.Threading;
using System;
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
        private ReplyRule _rule;

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

        protected override void BeginProcessing()
        {
            int rules = (Terminator != null ? 1 : 0) + (MyInvocation.BoundParameters.ContainsKey(nameof(ReplyLength)) ? 1 : 0) + (NoReply ? 1 : 0);
            if ((SkipCertificateCheck || ServerName != null) && !UseTls)
                WriteWarning("-SkipCertificateCheck and -ServerName only matter with -UseTls.");
            if (rules > 1)
                ThrowTerminatingError(NetErrors.InvalidArgument("ConflictingReplyRules",
                    "Use only one of -Terminator, -ReplyLength and -NoReply.", null));
            _rule = Terminator != null ? ReplyRule.ForTerminator(Encoding.GetBytes(Terminator))
                : rules == 1 && !NoReply ? ReplyRule.ForLength(ReplyLength)
                : NoReply ? ReplyRule.ForNoReply()
                : new ReplyRule();
            _rule.QuietMs = QuietTimeout;
            _rule.MaxReplyBytes = MaxReplyBytes;
        }

        protected override TargetSession OpenSession(string computerName, int port)
        {
            var tls = UseTls ? new TlsClientOptions { ServerName = ServerName, SkipCertificateCheck = SkipCertificateCheck } : null;
            // No message and -NoReply: a pure connect test, where a failed connect is a result, not an error.
            bool connectTest = NoReply && Message == null && ParameterSetName == TextSet && !MyInvocation.ExpectingInput;
            return new TcpTargetSession(computerName, port, _rule, Encoding, Timeout, tls, connectTest, Cancel.Token);
        }
    }
}

using System;
using System.Management.Automation;
using System.Threading;
using EchoNet.Client;
using EchoNet.Net;

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
        private IMessageClient _client;
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

        protected override void Send(string text, byte[] payload)
        {
            try
            {
                if (_client == null) _client = Connect();
                var exchange = _client.Exchange(payload, _rule, Timeout, Cancel.Token);
                WriteObject(new TcpMessageResult
                {
                    ComputerName = ComputerName,
                    RemoteEndPoint = _client.RemoteEndPoint,
                    LocalEndPoint = _client.LocalEndPoint,
                    Message = text,
                    BytesSent = exchange.BytesSent,
                    Reply = _rule.Mode == ReplyMode.None ? null : Encoding.GetString(exchange.Reply),
                    ReplyBytes = exchange.Reply,
                    ReplyEnd = exchange.End,
                    RoundTrip = exchange.RoundTrip,
                });
            }
            catch (NetException e)
            {
                // The connection's state is unknown after a failure: the next record starts afresh.
                CloseConnection();
                if (e.Kind == NetErrorKind.Canceled) return;
                WriteError(NetErrors.ToErrorRecord(e, (object)text ?? payload));
            }
            catch (ObjectDisposedException)
            {
                CloseConnection(); // StopProcessing closed the socket under us.
            }
        }

        private IMessageClient Connect()
        {
            if (!UseTls) return TcpMessageClient.Connect(ComputerName, Port, Timeout, Cancel.Token);
            var tls = new TlsClientOptions { ServerName = ServerName, SkipCertificateCheck = SkipCertificateCheck };
            return TlsMessageClient.Connect(ComputerName, Port, Timeout, Cancel.Token, tls);
        }

        private void CloseConnection()
        {
            _client?.Dispose();
            _client = null;
        }

        protected override void EndProcessing() => CloseConnection();
    }
}

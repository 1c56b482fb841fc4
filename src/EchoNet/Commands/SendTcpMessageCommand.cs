using System;
using System.Management.Automation;
using System.Text;
using System.Threading;
using EchoNet.Client;
using EchoNet.Net;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>
    /// Sends messages over one TCP connection and returns one result per message with its reply.
    /// A failed record (refused, timed out, reset) is a non-terminating error; the next record
    /// connects again.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TcpMessage", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(TcpMessageResult))]
    public sealed class SendTcpMessageCommand : PSCmdlet
    {
        private const string TextSet = "Text";
        private const string BytesSet = "Bytes";

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private TcpMessageClient _client;
        private ReplyRule _rule;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; } = "localhost";

        [Parameter(Position = 1, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ParameterSetName = TextSet, Position = 2, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Message { get; set; }

        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [AllowEmptyCollection]
        public byte[] Bytes { get; set; }

        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Default;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Terminator { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ReplyLength { get; set; }

        [Parameter]
        public SwitchParameter NoReply { get; set; }

        /// <summary>Milliseconds that bound the connect and each message's send and reply.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        /// <summary>Milliseconds of silence after some reply bytes that end a reply (default rule only).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int QuietTimeout { get; set; } = ReplyRule.DefaultQuietMs;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxReplyBytes { get; set; } = ReplyRule.DefaultMaxReplyBytes;

        protected override void BeginProcessing()
        {
            int rules = (Terminator != null ? 1 : 0) + (MyInvocation.BoundParameters.ContainsKey(nameof(ReplyLength)) ? 1 : 0) + (NoReply ? 1 : 0);
            if (rules > 1)
                ThrowTerminatingError(NetErrors.InvalidArgument("ConflictingReplyRules",
                    "Use only one of -Terminator, -ReplyLength and -NoReply.", null));
            _rule = Terminator != null ? ReplyRule.ForTerminator(Encoding.GetBytes(Terminator))
                : rules == 1 && !NoReply ? ReplyRule.ForLength(ReplyLength)
                : NoReply ? ReplyRule.NoReply
                : new ReplyRule();
            _rule.QuietMs = QuietTimeout;
            _rule.MaxReplyBytes = MaxReplyBytes;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == BytesSet)
            {
                Exchange(null, Bytes ?? new byte[0]);
                return;
            }
            // No -Message at all: one empty message, so the cmdlet still connects and reports.
            foreach (var text in Message ?? new[] { string.Empty })
            {
                Exchange(text ?? string.Empty, Encoding.GetBytes(text ?? string.Empty));
                if (_cancel.IsCancellationRequested) return;
            }
        }

        private void Exchange(string text, byte[] payload)
        {
            try
            {
                if (_client == null) _client = TcpMessageClient.Connect(ComputerName, Port, Timeout, _cancel.Token);
                var exchange = _client.Exchange(payload, _rule, Timeout, _cancel.Token);
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

        private void CloseConnection()
        {
            _client?.Dispose();
            _client = null;
        }

        protected override void EndProcessing() => CloseConnection();

        protected override void StopProcessing() => _cancel.Cancel();
    }
}

using System.Management.Automation;
using System.Text;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Planning;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>
    /// Reads the next reply from an open session without sending anything, by the same rules as
    /// Send-TcpMessage: up to the first -Terminator, exactly -ReplyLength bytes, or (by default)
    /// until the peer is quiet or closes. Buffered bytes come first.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "TcpMessage", DefaultParameterSetName = "Session")]
    [OutputType(typeof(TcpMessageResult))]
    public sealed class ReceiveTcpMessageCommand : ClientCommand
    {
        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Session")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SessionCompleter))]
        public TcpSession[] Session { get; set; }

        /// <summary>The sessions by Id, as Get-TcpSession lists them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public int[] Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Terminator { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ReplyLength { get; set; }

        /// <summary>Milliseconds of silence after some bytes that end a reply (default rule only).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int QuietTimeout { get; set; } = ReplyRule.DefaultQuietMs;

        [Parameter]
        [ValidateRange(1, ReplyRule.MaximumMaxReplyBytes)]
        public int MaxReplyBytes { get; set; } = ReplyRule.DefaultMaxReplyBytes;

        /// <summary>Milliseconds to wait for the reply.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        /// <summary>Decodes the reply; default: the session's encoding.</summary>
        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; }

        private int? ReplyLengthGiven => MyInvocation.BoundParameters.ContainsKey(nameof(ReplyLength)) ? ReplyLength : (int?)null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Conflicting rules end the command before any session is read.
            if (ReplyRuleParameters.Build(Terminator, ReplyLengthGiven, false, QuietTimeout, MaxReplyBytes, TextEncodings.Default, out var error) == null)
                ThrowTerminatingError(error);
        }

        protected override void ProcessRecord()
        {
            var sessions = Session;
            if (ParameterSetName == "Id")
            {
                var errors = new System.Collections.Generic.List<ErrorRecord>();
                sessions = SessionLookup.ById(Id, errors).ToArray();
                errors.ForEach(WriteError);
            }
            foreach (var session in sessions)
            {
                // The plan is per session: the terminator's bytes are in the session's encoding unless -Encoding is given.
                var encoding = Encoding ?? session.Encoding;
                var rule = ReplyRuleParameters.Build(Terminator, ReplyLengthGiven, false, QuietTimeout, MaxReplyBytes, encoding, out _);
                var settings = new TcpConversationSettings(rule, encoding, Timeout, null, false, Tracing);
                using (var runner = new ClientRunner(ClientPlan.OverSession(session, settings, ClientPayloads.ListenFirst), Cancel))
                {
                    WriteReports(runner.Send(null, null));
                    WriteReports(runner.Finish());
                }
            }
        }
    }
}

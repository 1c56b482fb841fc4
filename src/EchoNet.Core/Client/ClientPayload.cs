namespace EchoNet.Client
{
    /// <summary>One message to send: its bytes, and the text they came from (null for raw bytes).</summary>
    public readonly struct ClientPayload
    {
        public ClientPayload(string text, byte[] bytes)
        {
            Text = text;
            Bytes = bytes ?? new byte[0];
            Listen = false;
        }

        private ClientPayload(bool listen)
        {
            Text = null;
            Bytes = new byte[0];
            Listen = listen;
        }

        /// <summary>
        /// No message at all: send nothing and take what the peer says first (a banner), by the
        /// reply rule. An empty message, by contrast, sends nothing and waits for nothing.
        /// </summary>
        public static ClientPayload None { get; } = new ClientPayload(true);

        public bool Listen { get; }

        /// <summary>
        /// The rule this payload is read by: an empty message (not <see cref="Listen"/>) under the
        /// default rule waits for nothing, as there is nothing to echo.
        /// </summary>
        public ReplyRule RuleFor(ReplyRule rule)
        {
            return Bytes.Length == 0 && !Listen && rule.Mode == ReplyMode.Default ? NothingAwaited : rule;
        }

        private static readonly ReplyRule NothingAwaited = ReplyRule.ForNoReply();

        public string Text { get; }
        public byte[] Bytes { get; }
    }
}

namespace EchoNet.Client
{
    /// <summary>One message to send: its bytes, and the text they came from (null for raw bytes).</summary>
    public readonly struct ClientPayload
    {
        public ClientPayload(string text, byte[] bytes)
        {
            Path = null;
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

        private ClientPayload(string path)
        {
            Text = null;
            Bytes = new byte[0];
            Listen = false;
            Path = path;
        }

        /// <summary>A file's bytes, read as they are sent (Send-TcpMessage -Path), never loaded whole.</summary>
        public static ClientPayload FromFile(string path) => new ClientPayload(path);

        /// <summary>The file whose bytes are the message, or null.</summary>
        public string Path { get; }

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
            return Bytes.Length == 0 && !Listen && Path == null && rule.Mode == ReplyMode.Default ? NothingAwaited : rule;
        }

        private static readonly ReplyRule NothingAwaited = ReplyRule.ForNoReply();

        public string Text { get; }
        public byte[] Bytes { get; }
    }
}

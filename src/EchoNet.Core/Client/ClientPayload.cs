namespace EchoNet.Client
{
    /// <summary>One message to send: its bytes, and the text they came from (null for raw bytes).</summary>
    public readonly struct ClientPayload
    {
        public ClientPayload(string text, byte[] bytes)
        {
            Text = text;
            Bytes = bytes ?? new byte[0];
        }

        public string Text { get; }
        public byte[] Bytes { get; }

        /// <summary>What an error about this message concerns: the text, or the bytes when there is none.</summary>
        public object Subject => (object)Text ?? Bytes;
    }
}

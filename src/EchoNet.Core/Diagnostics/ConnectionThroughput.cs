namespace EchoNet.Diagnostics
{
    /// <summary>One connection of a throughput test: what it moved, how fast, and why it stopped if it failed.</summary>
    public sealed class ConnectionThroughput
    {
        /// <summary>1-based.</summary>
        public int Connection { get; set; }
        public long BytesSent { get; set; }
        public long BytesReceived { get; set; }

        /// <summary>From the first byte sent until the echo was complete (or, for a discard server, until it closed after reading all).</summary>
        public double Seconds { get; set; }

        /// <summary>Bytes sent per second, in megabytes (10^6 bytes).</summary>
        public double MBps => Seconds > 0 ? BytesSent / Seconds / 1e6 : 0;

        /// <summary>True when every byte came back as sent (echo), or none came back (discard).</summary>
        public bool Verified { get; set; }

        /// <summary>A NetErrorKind name, EchoMismatch (a wrong byte), EchoIncomplete (too few or too many) or UnexpectedReply (bytes from a discard server); null when it succeeded.</summary>
        public string ErrorId { get; set; }
        public string Error { get; set; }

        public override string ToString() => ErrorId == null ? $"#{Connection}: {BytesSent} B, {MBps:0.#} MB/s" : $"#{Connection}: {ErrorId}";
    }
}

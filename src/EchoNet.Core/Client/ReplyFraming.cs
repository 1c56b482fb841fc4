using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// Where a reply ends in the bytes received so far, by the rule: the one place that cuts
    /// replies, for plain TCP and TLS alike. Bytes beyond the cut stay buffered.
    /// </summary>
    internal static class ReplyFraming
    {
        /// <summary>
        /// How many buffered bytes make the reply and why, or null while it is incomplete.
        /// <paramref name="drained"/>: nothing more is readable right now. <paramref name="scanned"/>:
        /// bytes already searched for the terminator (kept by the caller so each byte is looked at once).
        /// </summary>
        public static ReplyEnd? Cut(ReplyRule rule, ReplyBuffer buffer, int sent, bool closed, bool drained,
            long lastReceived, ref int scanned, out int length)
        {
            length = 0;
            switch (rule.Mode)
            {
                case ReplyMode.None:
                    return ReplyEnd.NotRead;
                case ReplyMode.Terminator:
                    int at = buffer.IndexOf(rule.TerminatorBytes, scanned - rule.TerminatorBytes.Length + 1);
                    if (at >= 0)
                    {
                        length = at + rule.TerminatorBytes.Length;
                        return ReplyEnd.Terminator;
                    }
                    scanned = buffer.Count;
                    return null;
                case ReplyMode.Length:
                    if (buffer.Count < rule.Length) return null;
                    length = rule.Length;
                    return ReplyEnd.Length;
                default:
                    length = buffer.Count;
                    if (sent > 0 && drained && buffer.Count >= sent) return ReplyEnd.Echo;
                    if (closed) return ReplyEnd.Closed;
                    if (buffer.Count > 0 && lastReceived != 0 && Waits.ElapsedMs(lastReceived) >= rule.QuietMs) return ReplyEnd.Quiet;
                    return null;
            }
        }

        /// <summary>Why a reply is not complete when time runs out, naming the target.</summary>
        public static string TimeoutMessage(ReplyRule rule, string target, int sent, int total, int buffered, int timeoutMs)
        {
            if (sent < total) return $"Only {sent} of {total} bytes were sent to {target} within {timeoutMs} ms: the peer is not reading.";
            switch (rule.Mode)
            {
                case ReplyMode.Terminator: return $"No terminator from {target} within {timeoutMs} ms ({buffered} bytes buffered).";
                case ReplyMode.Length: return $"Only {buffered} of {rule.Length} reply bytes arrived from {target} within {timeoutMs} ms.";
                default: return $"No reply from {target} within {timeoutMs} ms.";
            }
        }
    }
}

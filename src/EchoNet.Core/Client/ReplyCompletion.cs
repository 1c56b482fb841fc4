using EchoNet.Errors;
using EchoNet.Timing;


namespace EchoNet.Client
{
    /// <summary>The reply rules' verdict, shared by the plain and the TLS client.</summary>
    internal static class ReplyCompletion
    {
        /// <summary>How the reply ended, or null while it is still incomplete; throws when the peer closed too early.</summary>
        public static ReplyEnd? Check(ReplyRule rule, ReplyBuffer reply, int sent, bool closed, long lastReceived)
        {
            switch (rule.Mode)
            {
                case ReplyMode.None: return ReplyEnd.NotRead;
                case ReplyMode.Terminator:
                    if (reply.EndsWith(rule.Terminator)) return ReplyEnd.Terminator;
                    break;
                case ReplyMode.Length:
                    if (reply.Count >= rule.Length) return ReplyEnd.Length;
                    break;
                default:
                    if (reply.Count >= sent && reply.Count > 0) return ReplyEnd.Echo;
                    if (sent == 0) return ReplyEnd.Echo; // nothing sent, nothing to wait for
                    if (lastReceived != 0 && Waits.ElapsedMs(lastReceived) >= rule.QuietMs) return ReplyEnd.Quiet;
                    break;
            }
            if (closed)
            {
                if (rule.Mode == ReplyMode.Default) return ReplyEnd.Closed;
                throw new NetException(NetErrorKind.ConnectionReset,
                    $"The peer closed the connection after {reply.Count} reply bytes, before the reply was complete.");
            }
            return null;
        }

        public static string TimeoutMessage(ReplyRule rule, int sent, int total, int received, int timeoutMs)
        {
            if (sent < total) return $"Only {sent} of {total} bytes were sent within {timeoutMs} ms: the peer is not reading.";
            switch (rule.Mode)
            {
                case ReplyMode.Terminator: return $"No terminator within {timeoutMs} ms ({received} reply bytes so far).";
                case ReplyMode.Length: return $"Only {received} of {rule.Length} reply bytes arrived within {timeoutMs} ms.";
                default: return $"No reply within {timeoutMs} ms.";
            }
        }
    }
}

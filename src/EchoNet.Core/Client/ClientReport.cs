using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>
    /// One thing a conversation has to tell its caller, in order: a result object, a failure, or a
    /// line of trace. Conversations produce reports and never write anywhere themselves, so they
    /// can run on worker threads while the caller writes the reports from its own thread.
    /// </summary>
    public sealed class ClientReport
    {
        private ClientReport(object result, NetException error, object subject, string trace, string warning = null)
        {
            Result = result;
            Error = error;
            Subject = subject;
            Trace = trace;
            Warning = warning;
        }

        /// <summary>A result object (TcpMessageResult, UdpDatagramResult, ...), or null.</summary>
        public object Result { get; }

        /// <summary>A failure, or null.</summary>
        public NetException Error { get; }

        /// <summary>What the failure concerns (the caller's target object).</summary>
        public object Subject { get; }

        /// <summary>A line of trace (what was resolved, tried, sent), or null.</summary>
        public string Trace { get; }

        /// <summary>Something the user should know that is not a failure (too many sessions held), or null.</summary>
        public string Warning { get; }

        public static ClientReport ForResult(object result) => new ClientReport(result, null, null, null);

        public static ClientReport ForError(NetException error, object subject) => new ClientReport(null, error, subject, null);

        public static ClientReport ForTrace(string line) => new ClientReport(null, null, null, line);

        public static ClientReport ForWarning(string text) => new ClientReport(null, null, null, null, text);
    }
}

using System.Collections.Generic;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>What every conversation with one target holds: the target and the caller's cancellation.</summary>
    internal abstract class TargetConversation : ITargetConversation
    {
        protected TargetConversation(ClientTarget to, CancellationToken cancel)
        {
            To = to;
            Target = to.ToString();
            Cancel = cancel;
        }

        /// <summary>The host × port talked to.</summary>
        protected ClientTarget To { get; }
        public string ComputerName => To.ComputerName;
        public int Port => To.Port;

        /// <summary>"host:port": what errors about this conversation concern.</summary>
        public string Target { get; }
        protected CancellationToken Cancel { get; }

        public abstract IEnumerable<ClientReport> Send(ClientPayload payload);

        public virtual IEnumerable<ClientReport> Close()
        {
            Dispose();
            return new ClientReport[0];
        }

        public abstract void Dispose();

        /// <summary>Moves the trace gathered so far into the reports.</summary>
        protected static void AddTrace(List<ClientReport> reports, ClientTrace trace)
        {
            if (trace == null) return;
            foreach (var line in trace.Drain()) reports.Add(ClientReport.ForTrace(line));
        }
    }
}

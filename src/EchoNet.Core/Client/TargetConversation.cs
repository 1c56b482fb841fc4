using System.Collections.Generic;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>What every conversation with one target holds: the target and the caller's cancellation.</summary>
    internal abstract class TargetConversation : ITargetConversation
    {
        protected TargetConversation(string computerName, int port, CancellationToken cancel)
        {
            ComputerName = computerName;
            Port = port;
            Cancel = cancel;
        }

        public string ComputerName { get; }
        public int Port { get; }
        protected CancellationToken Cancel { get; }

        public abstract IEnumerable<ClientReport> Send(ClientPayload payload);

        public abstract void Dispose();
    }
}

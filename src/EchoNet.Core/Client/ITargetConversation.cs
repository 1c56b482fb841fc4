using System;
using System.Collections.Generic;

namespace EchoNet.Client
{
    /// <summary>
    /// The conversation with one host × port: each message sent turns into reports. Disposing it
    /// ends the conversation (closes its socket).
    /// </summary>
    public interface ITargetConversation : IDisposable
    {
        string ComputerName { get; }
        int Port { get; }

        /// <summary>Sends one message and reports what happened, in order.</summary>
        IEnumerable<ClientReport> Send(ClientPayload payload);
    }
}

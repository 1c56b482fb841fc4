using System;
using System.Collections.Generic;

namespace EchoNet.Client
{
    /// <summary>
    /// The conversation with one host × port: each message sent turns into reports.
    /// <see cref="Close"/> ends it and reports what is left (bytes no reply took); Dispose
    /// only releases the socket (after Close, or when the caller is stopped).
    /// </summary>
    public interface ITargetConversation : IDisposable
    {
        string ComputerName { get; }
        int Port { get; }

        /// <summary>Sends one message and reports what happened, in order.</summary>
        IEnumerable<ClientReport> Send(ClientPayload payload);

        /// <summary>Ends the conversation; reports bytes that arrived but no reply took.</summary>
        IEnumerable<ClientReport> Close();
    }
}

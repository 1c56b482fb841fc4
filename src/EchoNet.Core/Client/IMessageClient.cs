using System;
using System.Net;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>A connection that sends messages and reads replies: plain TCP or TLS.</summary>
    public interface IMessageClient : IDisposable
    {
        IPEndPoint RemoteEndPoint { get; }
        IPEndPoint LocalEndPoint { get; }

        /// <summary>Sends the payload and reads the reply the rule asks for, within the timeout.</summary>
        TcpExchange Exchange(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel);
    }
}

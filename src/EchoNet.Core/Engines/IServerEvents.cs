using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one way back from listeners, connections and services to their server: its events.
    /// Called from socket threads; implementations must be quick and never throw.
    /// </summary>
    internal interface IServerEvents
    {
        /// <summary>True when someone listens or the server records: lets hot paths skip building event data.</summary>
        bool IsWatched { get; }

        void Raise(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long bytes, string message, long connectionId = 0);

        /// <summary>A Received or Datagram event; the server copies <paramref name="buffer"/> (it is valid only during the call).</summary>
        void RaiseData(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long connectionId, byte[] buffer, int count);
    }
}

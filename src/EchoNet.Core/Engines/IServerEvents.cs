using System.Net;

namespace EchoNet.Engines
{
    /// <summary>
    /// The one way back from listeners and connections to their server: its events.
    /// Called from socket threads; implementations must be quick and never throw.
    /// </summary>
    internal interface IServerEvents
    {
        /// <summary>True when someone listens: lets hot paths skip building event data.</summary>
        bool IsWatched { get; }

        void Raise(EchoServerEventKind kind, EchoProtocol protocol, EndPoint remote, long bytes, string message);
    }
}

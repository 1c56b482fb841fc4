using System.Net;

namespace EchoNet.Server
{
    /// <summary>A served TCP client, plain or TLS, as its listener sees it.</summary>
    internal interface IEchoConnection
    {
        EndPoint RemoteEndPoint { get; }

        /// <summary>Stopwatch timestamp of the last byte in or out; the idle sweep reads it.</summary>
        long LastActivity { get; }

        void Start();

        /// <summary>Ends the connection from any thread; the connection then reports to its listener.</summary>
        void Close();
    }
}

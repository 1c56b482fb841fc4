using System.Net;

namespace EchoNet.Server
{
    /// <summary>What a TCP listener needs from a connection, whichever engine drives it.</summary>
    internal interface IEchoConnection
    {
        EndPoint RemoteEndPoint { get; }

        /// <summary>Stopwatch timestamp of the last traffic, for the idle sweep.</summary>
        long LastActivity { get; }

        void Start();

        /// <summary>Asks the connection to end (any thread); its driving thread releases it.</summary>
        void Close();
    }
}

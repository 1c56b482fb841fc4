using System.Net.Sockets;

namespace EchoNet.Errors
{
    /// <summary>
    /// A socket error in words a user reads ("the peer has closed the connection (broken pipe)"),
    /// not the enum's name: on Linux an EPIPE surfaces as SocketError.Shutdown, which read as
    /// "failed: Shutdown." says nothing.
    /// </summary>
    internal static class SocketErrorText
    {
        public static string Describe(SocketError error)
        {
            switch (error)
            {
                case SocketError.Shutdown: return "the peer has closed the connection (broken pipe)";
                case SocketError.ConnectionReset: return "the peer reset the connection";
                case SocketError.ConnectionAborted: return "the connection was aborted";
                case SocketError.TimedOut: return "the connection timed out";
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable: return "the host cannot be reached";
                case SocketError.NetworkDown: return "the network is down";
                case SocketError.OperationAborted: return "the operation was aborted (the socket was closed)";
                case SocketError.NoBufferSpaceAvailable: return "the system has no buffer space left";
                default: return $"socket error {error}";
            }
        }
    }
}

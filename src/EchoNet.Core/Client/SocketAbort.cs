using System;
using System.Net.Sockets;

namespace EchoNet.Client
{
    /// <summary>Closing a socket with a reset instead of a FIN, for both transports.</summary>
    internal static class SocketAbort
    {
        public static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                // Already closed or failed: the dispose below is all that is left to do.
            }
            socket.Dispose();
        }
    }
}

using System;
using System.Net.Sockets;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// Whether a connected socket's peer has closed, asked from outside the thread that serves it
    /// (the admission path, while the close waits in the thread pool): readable with nothing to
    /// read is the peer's FIN or a reset. Never blocks. A connection whose data is consumed between
    /// the two checks may be taken for closed; that only lets its client open one connection early.
    /// </summary>
    internal static class PeerCloseProbe
    {
        public static bool PeerClosed(Socket socket)
        {
            try { return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0; }
            catch (ObjectDisposedException) { return true; }
            catch (SocketException) { return true; }
        }
    }
}

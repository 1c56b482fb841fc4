using System.Net;
using System.Net.Sockets;

namespace EchoNet.Engines
{
    /// <summary>Socket creation shared by every engine's TCP and UDP listeners.</summary>
    internal static class SocketBinding
    {
        /// <summary>Creates and binds a socket; the IPv6 any-address also accepts IPv4 clients.</summary>
        public static Socket Bind(IPEndPoint endPoint, SocketType type, ProtocolType protocol)
        {
            var socket = new Socket(endPoint.AddressFamily, type, protocol);
            try
            {
                if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
                    socket.DualMode = true;
                socket.Bind(endPoint);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>A bound, listening TCP socket.</summary>
        public static Socket Listen(IPEndPoint endPoint, int backlog)
        {
            var socket = Bind(endPoint, SocketType.Stream, ProtocolType.Tcp);
            try { socket.Listen(backlog); }
            catch { socket.Dispose(); throw; }
            return socket;
        }
    }
}

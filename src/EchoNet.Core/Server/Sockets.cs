using System.Net;
using System.Net.Sockets;

namespace EchoNet.Server
{
    /// <summary>Socket creation shared by the TCP and UDP listeners.</summary>
    internal static class Sockets
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
    }
}

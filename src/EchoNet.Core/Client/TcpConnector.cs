using System.Net.Sockets;
using System.Net;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>Opens a connected TCP socket to a host name or address, bounded in time.</summary>
    public static class TcpConnector
    {
        /// <summary>Resolves and connects, trying each address in turn, all within one deadline.</summary>
        public static Socket Connect(string computerName, int port, int timeoutMs, CancellationToken cancel)
        {
            if (port < 1 || port > IPEndPoint.MaxPort)
                throw new NetException(NetErrorKind.InvalidArgument, $"Port {port} is outside 1-65535.");
            long deadline = Waits.Deadline(timeoutMs);
            var addresses = HostResolver.Resolve(computerName, timeoutMs, cancel);
            NetException last = null;
            foreach (var address in addresses)
            {
                var endPoint = new IPEndPoint(address, port);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    var connect = socket.ConnectAsync(endPoint);
                    Waits.Wait(connect, Waits.Remaining(deadline), cancel, $"Connecting to {endPoint}");
                    if (connect.IsFaulted)
                    {
                        var inner = connect.Exception.GetBaseException();
                        throw inner is SocketException se
                            ? NetException.From(se, $"Cannot connect to {computerName} ({endPoint})")
                            : new NetException(NetErrorKind.Other, $"Cannot connect to {endPoint}: {inner.Message}", inner);
                    }
                    return socket;
                }
                catch (NetException e)
                {
                    socket.Dispose();
                    if (e.Kind == NetErrorKind.Canceled || e.Kind == NetErrorKind.Timeout) throw;
                    last = e;
                }
            }
            throw last ?? new NetException(NetErrorKind.HostNotFound, $"Host '{computerName}' has no addresses.");
        }
    }
}

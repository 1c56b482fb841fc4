using System.Linq;
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
        public static Socket Connect(ClientTarget to, int timeoutMs, CancellationToken cancel, ClientTrace trace = null)
        {
            string computerName = to.ComputerName;
            int port = to.Port;
            var target = to.ToString();
            long deadline = Waits.Deadline(timeoutMs);
            var addresses = HostResolver.Resolve(computerName, timeoutMs, cancel);
            trace?.Add($"{computerName} resolved to {string.Join(", ", addresses.Select(a => a.ToString()))}.");
            NetException last = null;
            foreach (var address in addresses)
            {
                var endPoint = new IPEndPoint(address, port);
                string where = Naming(target, endPoint);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    var connect = socket.ConnectAsync(endPoint);
                    Waits.Wait(connect, Waits.Remaining(deadline), cancel, $"Connecting to {where}");
                    if (connect.IsFaulted)
                    {
                        var inner = connect.Exception.GetBaseException();
                        throw inner is SocketException se
                            ? NetException.From(se, $"Cannot connect to {where}")
                            : new NetException(NetErrorKind.Other, $"Cannot connect to {where}: {inner.Message}", inner);
                    }
                    trace?.Add($"Connected to {target} at {endPoint} from {socket.LocalEndPoint}.");
                    return socket;
                }
                catch (NetException e)
                {
                    socket.Dispose();
                    trace?.Add($"Trying {endPoint}: {e.Message}");
                    if (e.Kind == NetErrorKind.Canceled || e.Kind == NetErrorKind.Timeout) throw;
                    last = e;
                }
            }
            throw last ?? new NetException(NetErrorKind.HostNotFound, $"Host '{computerName}' of {target} has no addresses.");
        }

        /// <summary>"host:port (address:port)", or just the target when it already is that address.</summary>
        private static string Naming(string target, IPEndPoint endPoint)
        {
            string address = HostPort.Format(endPoint.Address.ToString(), endPoint.Port);
            return address == target ? target : $"{target} ({address})";
        }
    }
}

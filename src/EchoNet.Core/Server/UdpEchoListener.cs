using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EchoNet.Server
{
    /// <summary>
    /// Echoes each datagram back to its sender unchanged. One receive buffer per listener, large
    /// enough for the biggest datagram IPv4 or IPv6 can carry. ICMP errors from peers that went
    /// away surface as receive errors; they are skipped, never fatal.
    /// </summary>
    internal sealed class UdpEchoListener : IDisposable
    {
        /// <summary>Largest UDP payload without IPv6 jumbograms (65,535 minus the 8-byte UDP header).</summary>
        public const int MaxDatagram = 65527;

        // Windows reports an ICMP port-unreachable as WSAECONNRESET on the next receive unless told not to.
        private const int SioUdpConnReset = unchecked((int)0x9800000C);

        private readonly EchoServer _server;
        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
        private readonly EndPoint _anyRemote;
        private readonly ReplyFormat _replyFormat;
        private volatile bool _stopped;

        public UdpEchoListener(EchoServer server, IPEndPoint endPoint, ReplyFormat replyFormat)
        {
            _server = server;
            _replyFormat = replyFormat;
            _socket = Sockets.Bind(endPoint, SocketType.Dgram, ProtocolType.Udp);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                _socket.IOControl(SioUdpConnReset, new byte[4], null);
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint;
            _anyRemote = new IPEndPoint(
                endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            _args.SetBuffer(new byte[MaxDatagram + 1], 0, MaxDatagram + 1);
            _args.Completed += (_, args) => ReceiveLoop();
        }

        public IPEndPoint LocalEndPoint { get; }

        public void Start()
        {
            if (!PostReceive()) ReceiveLoop();
        }

        private bool PostReceive()
        {
            _args.RemoteEndPoint = _anyRemote;
            try { return _socket.ReceiveFromAsync(_args); }
            catch (ObjectDisposedException) { _stopped = true; return true; }
        }

        private void ReceiveLoop()
        {
            do
            {
                if (_stopped || _args.SocketError == SocketError.OperationAborted) return;
                if (_args.SocketError != SocketError.Success) continue;
                if (_server.ClientFilter.Admits(_args.RemoteEndPoint)) Echo(_args.Buffer, _args.BytesTransferred, _args.RemoteEndPoint);
                else _server.Counters.Denied();
            } while (!PostReceive());
        }

        private void Echo(byte[] buffer, int count, EndPoint remote)
        {
            try
            {
                if (_replyFormat != null)
                {
                    // Each datagram stands alone: a fresh responder, so no text carries over between peers.
                    buffer = _replyFormat.CreateResponder().Respond(buffer, count);
                    count = buffer.Length;
                }
                _socket.SendTo(buffer, 0, count, SocketFlags.None, remote);
                _server.Counters.DatagramEchoed(count);
                _server.Raise(EchoServerEventKind.Datagram, EchoProtocol.Udp, remote, count, null);
            }
            catch (SocketException e)
            {
                _server.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, remote, count, "Reply failed: " + e.SocketErrorCode);
            }
            catch (ObjectDisposedException)
            {
                _stopped = true;
            }
        }

        public void Dispose()
        {
            _stopped = true;
            _socket.Dispose();
        }
    }
}

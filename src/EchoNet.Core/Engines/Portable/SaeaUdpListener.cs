using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// Serves datagrams with one SocketAsyncEventArgs receive loop and a buffer large enough for
    /// the biggest datagram; what goes back is the shared <see cref="DatagramPath"/>'s decision.
    /// ICMP errors from peers that went away surface as receive errors; they are skipped, never fatal.
    /// </summary>
    internal sealed class SaeaUdpListener : IEchoListener, IDatagramOutput
    {
        /// <summary>Largest UDP payload without IPv6 jumbograms (65,535 minus the 8-byte UDP header).</summary>
        public const int MaxDatagram = 65527;

        // Windows reports an ICMP port-unreachable as WSAECONNRESET on the next receive unless told not to.
        private const int SioUdpConnReset = unchecked((int)0x9800000C);

        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
        private readonly EndPoint _anyRemote;
        private readonly DatagramPath _path;
        private volatile bool _stopped;

        public SaeaUdpListener(IPEndPoint endPoint, EngineContext context)
        {
            _path = context.Datagrams;
            _socket = SocketBinding.Bind(endPoint, SocketType.Dgram, ProtocolType.Udp);
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
                // On a pool thread an exception would end the process: one bad datagram must not.
                try { Serve(_args.Buffer, _args.BytesTransferred, new KnownPeer(_args.RemoteEndPoint)); }
                catch (Exception e) { _path.ReplyFailed(0, new KnownPeer(_args.RemoteEndPoint), e.GetType().Name + ": " + e.Message); }
            } while (!PostReceive());
        }

        private void Serve(byte[] buffer, int count, KnownPeer peer)
        {
            var reply = _path.Received(buffer, count, peer, this);
            if (reply.Array == null) return;
            SendTo(peer, reply);
        }

        /// <summary>A later reply, from any thread: SendTo on a datagram socket needs no turn-taking.</summary>
        public void SendTo(EndPoint remote, ArraySegment<byte> bytes) => SendTo(new KnownPeer(remote), bytes);

        private void SendTo(KnownPeer peer, ArraySegment<byte> reply)
        {
            if (_stopped) return;
            try
            {
                _socket.SendTo(reply.Array, reply.Offset, reply.Count, SocketFlags.None, peer.RemoteEndPoint);
                _path.Replied(reply.Count);
            }
            catch (SocketException e)
            {
                _path.ReplyFailed(reply.Count, peer, e.SocketErrorCode.ToString());
            }
            catch (ObjectDisposedException)
            {
                _stopped = true;
            }
        }

        /// <summary>Closes the socket; the port is free when this returns.</summary>
        public void Dispose()
        {
            _stopped = true;
            _socket.Dispose();
        }
    }
}

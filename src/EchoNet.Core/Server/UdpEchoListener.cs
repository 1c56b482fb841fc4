using System.Net.Sockets;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System;
using EchoNet.Access;
using static EchoNet.Server.EpollNative;

namespace EchoNet.Server
{
    /// <summary>
    /// Echoes each datagram back to its sender unchanged. On Linux the socket is served by an
    /// <see cref="EventLoop"/>: recvfrom and sendto on the loop thread, the sender's address kept as
    /// raw bytes (no endpoint object per datagram unless the events are watched or a client
    /// filter needs it). With a reply format, or elsewhere, one SocketAsyncEventArgs receive loop
    /// with a buffer large enough for the biggest datagram.
    /// ICMP errors from peers that went away surface as receive errors; they are skipped, never fatal.
    /// </summary>
    internal sealed class UdpEchoListener : IDisposable, ILoopHandler
    {
        /// <summary>Largest UDP payload without IPv6 jumbograms (65,535 minus the 8-byte UDP header).</summary>
        public const int MaxDatagram = 65527;

        // Windows reports an ICMP port-unreachable as WSAECONNRESET on the next receive unless told not to.
        private const int SioUdpConnReset = unchecked((int)0x9800000C);

        // Datagrams handled per readiness event before other descriptors get their turn.
        private const int DatagramsPerEvent = 64;

        private readonly EchoServer _server;
        private readonly Socket _socket;
        private readonly EventLoop _loop;
        private readonly SocketAsyncEventArgs _args;
        private readonly EndPoint _anyRemote;
        private readonly ReplyFormat _replyFormat;
        private readonly byte[] _address = new byte[128];
        private readonly int _fd;
        private long _token = -1;
        private bool _started;
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
            if (EventLoop.IsSupported && replyFormat == null)
            {
                _loop = EventLoop.Next();
                _fd = (int)_socket.Handle;
            }
            else
            {
                _args = new SocketAsyncEventArgs();
                _args.SetBuffer(new byte[MaxDatagram + 1], 0, MaxDatagram + 1);
                _args.Completed += (_, args) => ReceiveLoop();
            }
        }

        public IPEndPoint LocalEndPoint { get; }

        public void Start()
        {
            _started = true;
            if (_loop != null) _loop.Post(Register);
            else if (!PostReceive()) ReceiveLoop();
        }

        // ---- Linux: event loop ----

        private void Register()
        {
            if (_stopped) return;
            _token = _loop.Register(_fd, EPOLLIN, this);
            if (_token < 0)
                _server.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, null, 0, "Cannot watch the UDP socket: errno " + Errno());
        }

        public void OnEvents(uint events)
        {
            var buffer = _loop.BufferAddress;
            for (int i = 0; i < DatagramsPerEvent && !_stopped; i++)
            {
                int addressLength = _address.Length;
                long n = (long)recvfrom(_fd, buffer, (IntPtr)EventLoop.BufferSize, MSG_DONTWAIT, _address, ref addressLength);
                if (n < 0)
                {
                    int errno = Errno();
                    if (errno == EAGAIN) return;
                    continue; // EINTR, or an ICMP error from a peer that went away: skip it
                }
                int count = (int)n;
                if (!_server.ClientFilter.IsOpen && !_server.ClientFilter.Admits(DecodeAddress(_address)))
                {
                    _server.Counters.Denied();
                    continue;
                }
                long sent = (long)sendto(_fd, buffer, (IntPtr)count, MSG_DONTWAIT | MSG_NOSIGNAL, _address, addressLength);
                if (sent < 0)
                {
                    int errno = Errno();
                    if (_server.HasActivitySubscribers)
                        _server.Raise(EchoServerEventKind.Error, EchoProtocol.Udp, DecodeAddress(_address), count, "Reply failed: errno " + errno);
                    continue;
                }
                _server.Counters.DatagramEchoed(count);
                if (_server.HasActivitySubscribers)
                    _server.Raise(EchoServerEventKind.Datagram, EchoProtocol.Udp, DecodeAddress(_address), count, null);
            }
        }

        // ---- Elsewhere: SocketAsyncEventArgs ----

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
                    buffer = _replyFormat.RespondToDatagram(buffer, count);
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

        /// <summary>Closes the socket; the port is free when this returns.</summary>
        public void Dispose()
        {
            _stopped = true;
            if (_loop == null || !_started || _loop.OnLoopThread)
            {
                CloseOnLoop();
                return;
            }
            // The loop thread may be inside recvfrom on this descriptor: let it close the socket.
            using (var closed = new ManualResetEventSlim())
            {
                _loop.Post(() => { CloseOnLoop(); closed.Set(); });
                if (!closed.Wait(5000)) _socket.Dispose();
            }
        }

        private void CloseOnLoop()
        {
            if (_loop != null && _token >= 0)
            {
                _loop.Unregister(_token, _fd);
                _token = -1;
            }
            _socket.Dispose();
        }
    }
}

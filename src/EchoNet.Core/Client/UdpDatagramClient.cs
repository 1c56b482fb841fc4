using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Threading;
using System;
using EchoNet.Addressing;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// A connected UDP socket: the kernel then delivers only the peer's datagrams to it, and
    /// reports an ICMP port-unreachable from the peer as a refused receive.
    /// </summary>
    public sealed class UdpDatagramClient : IDisposable
    {
        /// <summary>Largest UDP payload over IPv4: 65,535 − 20 (IP header) − 8 (UDP header).</summary>
        public const int MaxIPv4Datagram = 65507;

        /// <summary>Largest UDP payload over IPv6 without jumbograms: 65,535 − 8 (UDP header).</summary>
        public const int MaxIPv6Datagram = 65527;

        private const int PollSliceMs = 100;

        private readonly Socket _socket;
        private readonly byte[] _receiveBuffer = new byte[MaxIPv6Datagram + 1];

        private UdpDatagramClient(Socket socket, string computerName)
        {
            _socket = socket;
            ComputerName = computerName;
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint;
        }

        public string ComputerName { get; }
        public IPEndPoint RemoteEndPoint { get; }
        public IPEndPoint LocalEndPoint { get; }
        public int MaxDatagram => RemoteEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? MaxIPv6Datagram : MaxIPv4Datagram;

        public static UdpDatagramClient Open(ClientTarget to, int timeoutMs, CancellationToken cancel)
        {
            string computerName = to.ComputerName;
            int port = to.Port;
            var address = HostResolver.Resolve(computerName, timeoutMs, cancel)[0];
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Connect(new IPEndPoint(address, port)); // no packet: it only fixes the peer
                return new UdpDatagramClient(socket, computerName);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw NetException.From(e, $"Cannot open a UDP socket to {address}:{port}");
            }
        }

        /// <summary>Sends one datagram and, if asked, waits up to the timeout for the reply.</summary>
        public UdpExchange Send(byte[] payload, bool waitForReply, int timeoutMs, CancellationToken cancel)
        {
            if (payload.Length > MaxDatagram)
                throw new NetException(NetErrorKind.DatagramTooLarge,
                    $"The datagram is {payload.Length} bytes; UDP over {(MaxDatagram == MaxIPv4Datagram ? "IPv4" : "IPv6")} carries at most {MaxDatagram}. Nothing was sent.");
            if (waitForReply) DiscardStaleReplies();
            else ClearEarlierError();
            long start = Stopwatch.GetTimestamp();
            SendOnce(payload);
            if (!waitForReply) return new UdpExchange(UdpDatagramStatus.Sent, null, TimeSpan.Zero, payload.Length);
            return AwaitReply(start, payload.Length, timeoutMs, cancel);
        }

        /// <summary>
        /// Sends the datagram so that it really leaves the socket. An ICMP error drawn by an earlier
        /// datagram can surface on this send and fail it although nothing of this datagram was
        /// sent; that error is not this datagram's, so the send is made again.
        /// </summary>
        private void SendOnce(byte[] payload)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    _socket.Send(payload);
                    return;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && attempt == 0)
                {
                    // The earlier datagram's error, consumed by this failed send: try again.
                }
                catch (SocketException e)
                {
                    throw NetException.From(e, $"Sending to {RemoteEndPoint} failed");
                }
            }
        }

        /// <summary>
        /// Reads and so clears a pending socket error: an ICMP port-unreachable that answered an
        /// earlier fire-and-forget datagram, which would otherwise fail this datagram's send.
        /// </summary>
        private void ClearEarlierError()
        {
            try
            {
                _socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
            }
            catch (SocketException)
            {
                // Nothing to clear when the option cannot be read; SendOnce still retries once.
            }
        }

        private UdpExchange AwaitReply(long start, int bytesSent, int timeoutMs, CancellationToken cancel)
        {
            long deadline = Waits.Deadline(timeoutMs);
            while (true)
            {
                int left = Waits.Remaining(deadline);
                if (left == 0) return new UdpExchange(UdpDatagramStatus.NoReply, null, TimeSpan.Zero, bytesSent);
                if (cancel.IsCancellationRequested) throw new NetException(NetErrorKind.Canceled, $"The exchange with {RemoteEndPoint} was canceled.");
                try
                {
                    // A blocking receive with a short timeout, not Poll: the kernel reports a pending
                    // ICMP port-unreachable as a refused receive, which a readiness poll may not show.
                    _socket.ReceiveTimeout = Math.Min(left, PollSliceMs);
                    int n = _socket.Receive(_receiveBuffer);
                    var reply = new byte[n];
                    Buffer.BlockCopy(_receiveBuffer, 0, reply, 0, n);
                    return new UdpExchange(UdpDatagramStatus.Replied, reply, Elapsed(start), bytesSent);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused
                                                || e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    return new UdpExchange(UdpDatagramStatus.Refused, null, Elapsed(start), bytesSent);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut
                                                || e.SocketErrorCode == SocketError.WouldBlock)
                {
                    // This slice ended quietly; look at the deadline and the token again.
                }
                catch (SocketException e)
                {
                    throw NetException.From(e, $"Receiving from {RemoteEndPoint} failed");
                }
            }
        }

        /// <summary>Drops late replies to earlier datagrams so they are not taken for this one's.</summary>
        private void DiscardStaleReplies()
        {
            try
            {
                while (_socket.Available > 0) _socket.Receive(_receiveBuffer);
            }
            catch (SocketException)
            {
                // A pending ICMP error belongs to an earlier datagram; it is consumed here.
            }
        }

        private static TimeSpan Elapsed(long start) => TimeSpan.FromMilliseconds(Waits.ElapsedMs(start));

        public void Dispose() => _socket.Dispose();
    }

    public struct UdpExchange
    {
        public UdpExchange(UdpDatagramStatus status, byte[] reply, TimeSpan roundTrip, int bytesSent)
        {
            Status = status;
            Reply = reply;
            RoundTrip = roundTrip;
            BytesSent = bytesSent;
        }

        /// <summary>The bytes of this datagram that left the socket (its whole length, or 0).</summary>
        public int BytesSent { get; }

        public UdpDatagramStatus Status { get; }
        public byte[] Reply { get; }
        public TimeSpan RoundTrip { get; }
    }
}

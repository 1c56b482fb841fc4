using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Threading;
using System;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// One TCP connection that sends messages and reads replies by a <see cref="ReplyRule"/>.
    /// The socket is non-blocking and driven from the caller's thread: it sends and receives at
    /// the same time (so a large echo cannot deadlock on full buffers), and every wait is a poll
    /// in short slices bounded by the deadline and the cancellation token. No fixed sleeps.
    /// </summary>
    public sealed class TcpMessageClient : IMessageClient
    {
        // Longest a poll blocks before the token is looked at again: the bound on Ctrl+C latency.
        private const int PollSliceMs = 100;

        private readonly Socket _socket;

        private TcpMessageClient(Socket socket, string computerName)
        {
            _socket = socket;
            ComputerName = computerName;
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint;
            _socket.NoDelay = true;
            _socket.Blocking = false;
        }

        public string ComputerName { get; }
        public IPEndPoint RemoteEndPoint { get; }
        public IPEndPoint LocalEndPoint { get; }

        /// <summary>Resolves and connects, trying each address in turn, all within one deadline.</summary>
        public static TcpMessageClient Connect(string computerName, int port, int timeoutMs, CancellationToken cancel)
        {
            return new TcpMessageClient(TcpConnector.Connect(computerName, port, timeoutMs, cancel), computerName);
        }

        /// <summary>Sends <paramref name="payload"/> and reads the reply the rule asks for.</summary>
        public TcpExchange Exchange(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel)
        {
            long start = Stopwatch.GetTimestamp();
            long deadline = Waits.Deadline(timeoutMs);
            var reply = new ReplyBuffer();
            int sent = 0;
            long lastReceived = 0;
            bool closed = false;
            while (true)
            {
                bool progress = false;
                if (sent < payload.Length)
                {
                    int n = _socket.Send(payload, sent, payload.Length - sent, SocketFlags.None, out var error);
                    if (error == SocketError.Success) { sent += n; progress = n > 0; }
                    else if (error != SocketError.WouldBlock) throw Fail(error, "Sending");
                }
                if (rule.Mode != ReplyMode.None && !closed)
                {
                    int before = reply.Count;
                    closed = ReceiveAvailable(reply, rule.MaxReplyBytes);
                    if (reply.Count > before) { progress = true; lastReceived = Stopwatch.GetTimestamp(); }
                }
                if (sent == payload.Length)
                {
                    var end = ReplyCompletion.Check(rule, reply, sent, closed, lastReceived);
                    if (end != null) return new TcpExchange(sent, reply.ToArray(), end.Value, Stopwatch.GetTimestamp() - start);
                }
                else if (closed)
                {
                    throw new NetException(NetErrorKind.ConnectionReset, $"{RemoteEndPoint} closed the connection before the message was sent.");
                }
                if (progress) continue;

                int wait = Math.Min(PollSliceMs, Waits.Remaining(deadline));
                if (rule.Mode == ReplyMode.Default && lastReceived != 0)
                    wait = Math.Min(wait, Math.Max(1, rule.QuietMs - (int)Waits.ElapsedMs(lastReceived)));
                if (cancel.IsCancellationRequested) throw new NetException(NetErrorKind.Canceled, $"The exchange with {RemoteEndPoint} was canceled.");
                if (Waits.Remaining(deadline) == 0)
                    throw new NetException(NetErrorKind.Timeout, ReplyCompletion.TimeoutMessage(rule, sent, payload.Length, reply.Count, timeoutMs));
                WaitReady(sent < payload.Length, wait);
            }
        }

        /// <summary>Reads everything readable now; true when the peer has closed its side.</summary>
        private bool ReceiveAvailable(ReplyBuffer reply, int maxReplyBytes)
        {
            while (true)
            {
                var space = reply.FreeSpace();
                int n = _socket.Receive(space.Array, space.Offset, space.Count, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return false;
                if (error != SocketError.Success) throw Fail(error, "Receiving");
                if (n == 0) return true;
                reply.Advance(n);
                if (reply.Count > maxReplyBytes)
                    throw new NetException(NetErrorKind.ReplyTooLarge,
                        $"The reply exceeded the limit of {maxReplyBytes} bytes.");
            }
        }

        private void WaitReady(bool wantWrite, int timeoutMs)
        {
            int micro = Math.Max(1, timeoutMs) * 1000;
            if (!wantWrite) { _socket.Poll(micro, SelectMode.SelectRead); return; }
            var read = new System.Collections.Generic.List<Socket> { _socket };
            var write = new System.Collections.Generic.List<Socket> { _socket };
            Socket.Select(read, write, null, micro);
        }

        private NetException Fail(SocketError error, string what)
        {
            return new NetException(NetException.KindOf(error), $"{what} on the connection to {RemoteEndPoint} failed: {error}.");
        }

        public void Dispose() => _socket.Dispose();
    }
}

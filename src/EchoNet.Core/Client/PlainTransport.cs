using System.Collections.Generic;
using System.Net.Sockets;
using System.Net;
using System;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>A non-blocking TCP socket: sends and receives at once, so a large echo cannot deadlock on full buffers.</summary>
    internal sealed class PlainTransport : ByteTransport
    {
        private readonly Socket _socket;
        private readonly string _target;

        public PlainTransport(Socket socket, string target)
        {
            _socket = socket;
            _target = target;
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint;
            _socket.NoDelay = true;
            _socket.Blocking = false;
        }

        public override IPEndPoint RemoteEndPoint { get; }
        public override IPEndPoint LocalEndPoint { get; }

        public override int TrySend(byte[] bytes, int offset, int count)
        {
            if (count == 0) return 0;
            int n = _socket.Send(bytes, offset, count, SocketFlags.None, out var error);
            if (error == SocketError.Success) return n;
            if (error == SocketError.WouldBlock) return 0;
            throw Fail(error, "Sending to");
        }

        public override ReceiveOutcome TryReceive(ReplyBuffer into, int limit)
        {
            var outcome = ReceiveOutcome.Nothing;
            while (into.Count <= limit)
            {
                var space = into.FreeSpace(limit);
                int n = _socket.Receive(space.Array, space.Offset, space.Count, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return outcome;
                if (error != SocketError.Success) throw Fail(error, "Receiving from");
                if (n == 0) return ReceiveOutcome.Closed;
                into.Advance(n);
                outcome = ReceiveOutcome.Data;
            }
            return outcome;
        }

        public override void WaitReady(bool wantWrite, int timeoutMs)
        {
            int micro = Math.Max(1, timeoutMs) * 1000;
            if (!wantWrite) { _socket.Poll(micro, SelectMode.SelectRead); return; }
            var read = new List<Socket> { _socket };
            var write = new List<Socket> { _socket };
            Socket.Select(read, write, null, micro);
        }

        private NetException Fail(SocketError error, string what)
        {
            return new NetException(NetException.KindOf(error), $"{what} {_target} ({RemoteEndPoint}) failed: {SocketErrorText.Describe(error)}.");
        }

        public override bool ShutdownSend()
        {
            try { _socket.Shutdown(SocketShutdown.Send); }
            catch (SocketException e) { throw Fail(e.SocketErrorCode, "Ending the sending side to"); }
            return true;
        }

        public override void Abort() => SocketAbort.Reset(_socket);

        public override void Dispose() => _socket.Dispose();
    }
}

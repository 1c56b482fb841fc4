using System;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// One TCP client on the portable engine: every chunk received goes to the session, and what it
    /// returns goes back, in order. While idle it holds no buffer: it waits with a zero-byte receive
    /// and rents a buffer from the shared pool only while data is in flight. Receives and sends are
    /// tried synchronously on the non-blocking socket first; only a send that would block goes
    /// asynchronous, and while it is pending nothing more is read (backpressure: a client that does
    /// not read stops being read). One thread drives the connection at a time: the completion
    /// callback or the starter.
    /// </summary>
    internal sealed class SaeaConnection : EchoConnection
    {
        private const int BufferSize = 32 * 1024;
        private static readonly byte[] NoBytes = new byte[0];

        private enum Step { Drained, Pending, Closed }

        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
        private byte[] _buffer;
        private byte[] _sendBuffer;
        private int _sendOffset;
        private int _sendEnd;

        public SaeaConnection(ConnectionSet owner, Socket socket, EndPoint remote)
            : base(owner, Stopwatch.GetTimestamp())
        {
            _socket = socket;
            RemoteEndPoint = remote;
            _args.Completed += OnCompleted;
        }

        public override EndPoint RemoteEndPoint { get; }

        public override bool PeerClosed => PeerCloseProbe.PeerClosed(_socket);

        protected override void OnStart()
        {
            try
            {
                _socket.Blocking = false;
                _socket.NoDelay = true;
                if (!PostWait()) AfterWait();
            }
            catch (Exception e)
            {
                Finish(e);
            }
        }

        protected override void OnClose()
        {
            // Shutdown first so the peer sees an orderly FIN, not a reset, and pending receives end.
            try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            _socket.Dispose();
        }

        private void OnCompleted(object sender, SocketAsyncEventArgs e)
        {
            try
            {
                if (e.LastOperation == SocketAsyncOperation.Send) AfterSend();
                else AfterWait();
            }
            catch (Exception ex)
            {
                // A callback must never throw: that would take the whole process down.
                Finish(ex);
            }
        }

        /// <summary>A zero-byte receive completed: data or the peer's FIN is waiting.</summary>
        private void AfterWait()
        {
            do
            {
                if (_args.SocketError != SocketError.Success) { Finish(null); return; }
                var step = ServeAvailable();
                if (step != Step.Drained) return;
            } while (!PostWait());
        }

        private void AfterSend()
        {
            if (_args.SocketError != SocketError.Success) { Finish(null); return; }
            Advance(_args.BytesTransferred);
            if (Send() != Step.Drained) return;
            if (ServeAvailable() != Step.Drained) return;
            if (!PostWait()) AfterWait();
        }

        /// <summary>Zero-byte receive; returns true when it is pending.</summary>
        private bool PostWait()
        {
            ReturnBuffer();
            _args.SetBuffer(NoBytes, 0, 0);
            return _socket.ReceiveAsync(_args);
        }

        /// <summary>Receives and answers until the socket has nothing more to give right now.</summary>
        private Step ServeAvailable()
        {
            if (_buffer == null) _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            while (true)
            {
                if (Session.Ended) { Finish(null); return Step.Closed; }
                int received = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return Step.Drained;
                if (error != SocketError.Success) { Finish(null); return Step.Closed; }
                if (received == 0)
                {
                    // The peer's FIN: everything it sent has been answered, so finish our side too.
                    try { _socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
                    Finish(null);
                    return Step.Closed;
                }
                Touch();
                var reply = Session.Received(_buffer, received);
                if (reply.Array == null) continue;
                _sendBuffer = reply.Array;
                _sendOffset = reply.Offset;
                _sendEnd = reply.Offset + reply.Count;
                var step = Send();
                if (step != Step.Drained) return step;
            }
        }

        /// <summary>Sends _sendBuffer[_sendOffset.._sendEnd); goes async only when the socket would block.</summary>
        private Step Send()
        {
            while (_sendOffset < _sendEnd)
            {
                int sent = _socket.Send(_sendBuffer, _sendOffset, _sendEnd - _sendOffset, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    _args.SetBuffer(_sendBuffer, _sendOffset, _sendEnd - _sendOffset);
                    if (_socket.SendAsync(_args)) return Step.Pending;
                    if (_args.SocketError != SocketError.Success) { Finish(null); return Step.Closed; }
                    sent = _args.BytesTransferred;
                }
                else if (error != SocketError.Success)
                {
                    Finish(null);
                    return Step.Closed;
                }
                Advance(sent);
            }
            return Step.Drained;
        }

        private void Advance(int bytes)
        {
            _sendOffset += bytes;
            Sent(bytes, Stopwatch.GetTimestamp());
        }

        private void ReturnBuffer()
        {
            var buffer = _buffer;
            if (buffer == null) return;
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        /// <summary>Releases everything once; only the driving thread calls it.</summary>
        private void Finish(Exception error)
        {
            if (!BeginFinish()) return;
            try
            {
                Close();
                ReturnBuffer();
                _args.Dispose();
            }
            finally
            {
                // Counted out whatever happened above: a leak here would hold a connection slot forever.
                Finished(error);
            }
        }
    }
}

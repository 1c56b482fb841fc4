using System;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EchoNet.Engines.Portable
{
    /// <summary>
    /// One TCP client on the portable engine: every chunk received goes to the session, and what it
    /// returns goes back, in order. While idle it holds no buffer: it waits with a zero-byte receive
    /// and rents a buffer from the shared pool only while data is in flight. Receives and sends are
    /// tried synchronously on the non-blocking socket first; only a send that would block goes
    /// asynchronous, and while it is pending nothing more is read (backpressure: a client that does
    /// not read stops being read). One thread drives the connection at a time: the completion
    /// callback or the starter. Later sends (<see cref="IConnectionOutput"/>) are sent by whichever
    /// thread queued them while no other drain runs (non-blocking, asynchronous on their own
    /// SocketAsyncEventArgs when the socket would block); while they or the session hold back, the
    /// driver parks instead of waiting for data, and <see cref="OnResumeReceiving"/> restarts it.
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
        private SocketAsyncEventArgs _laterArgs;
        private int _receiveParked;

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
            // Shutdown first so the peer sees an orderly FIN, not a reset, and pending receives end;
            // a reset asked for closes with SO_LINGER 0 (an RST) instead.
            try
            {
                if (ResetRequested) _socket.LingerState = new LingerOption(true, 0);
                else _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException) { }
            _socket.Dispose();
            // A parked driver has no receive outstanding to fail: finish for it.
            if (Interlocked.Exchange(ref _receiveParked, 0) == 1) Finish(null);
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
                if (ReceivePaused && ParkReceiving()) return Step.Pending;
                int received = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return Step.Drained;
                if (error != SocketError.Success) { Finish(null); return Step.Closed; }
                if (received == 0)
                {
                    // The session still sends (a delay, a relay): park for good; its close finishes us.
                    if (PeerFinished() && ParkReceiving()) return Step.Pending;
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

        /// <summary>
        /// The driver stops reading; true when it stays parked (<see cref="OnResumeReceiving"/> restarts
        /// it), false when the hold ended meanwhile and the driver goes on itself.
        /// </summary>
        private bool ParkReceiving()
        {
            Volatile.Write(ref _receiveParked, 1);
            if (ReceivePaused) return true;
            return Interlocked.Exchange(ref _receiveParked, 0) == 0;
        }

        protected override void OnResumeReceiving()
        {
            if (Interlocked.Exchange(ref _receiveParked, 0) == 0) return;
            ThreadPool.UnsafeQueueUserWorkItem(_ => ResumeDriving(), null);
        }

        private void ResumeDriving()
        {
            try
            {
                if (ServeAvailable() == Step.Drained && !PostWait()) AfterWait();
            }
            catch (Exception e)
            {
                Finish(e);
            }
        }

        protected override void OnDrainLater()
        {
            try { DrainLater(); }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException) { Close(); }
        }

        /// <summary>On the thread that holds the drain: sends later bytes in order until none are left or one goes asynchronous.</summary>
        private void DrainLater()
        {
            do
            {
                while (TryTakeLater(out var bytes))
                {
                    if (IsEndMarker(bytes)) { Close(); return; }
                    if (!SendLaterSegment(bytes)) return;
                }
            } while (!LaterIdle());
        }

        /// <summary>True when the segment went out; false when it went asynchronous (the completion drains on) or the connection failed.</summary>
        private bool SendLaterSegment(ArraySegment<byte> bytes)
        {
            int offset = bytes.Offset, end = bytes.Offset + bytes.Count;
            while (offset < end)
            {
                int sent = _socket.Send(bytes.Array, offset, end - offset, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    if (_laterArgs == null)
                    {
                        _laterArgs = new SocketAsyncEventArgs();
                        _laterArgs.Completed += (_, args) => AfterLaterSend(args);
                    }
                    _laterArgs.SetBuffer(bytes.Array, offset, end - offset);
                    _laterArgs.UserToken = bytes.Count;
                    if (_socket.SendAsync(_laterArgs)) return false;
                    if (_laterArgs.SocketError != SocketError.Success) { Close(); return false; }
                    sent = _laterArgs.BytesTransferred;
                }
                else if (error != SocketError.Success)
                {
                    Close();
                    return false;
                }
                offset += sent;
                Sent(sent, Stopwatch.GetTimestamp());
            }
            LaterSent(bytes.Count);
            return true;
        }

        private void AfterLaterSend(SocketAsyncEventArgs args)
        {
            try
            {
                if (args.SocketError != SocketError.Success) { Close(); return; }
                Sent(args.BytesTransferred, Stopwatch.GetTimestamp());
                var rest = new ArraySegment<byte>(args.Buffer, args.Offset + args.BytesTransferred, args.Count - args.BytesTransferred);
                int whole = (int)args.UserToken;
                if (rest.Count > 0)
                {
                    // Finish this segment first; its size is counted out once, when it is all gone.
                    if (!SendLaterRest(rest, whole)) return;
                }
                else LaterSent(whole);
                DrainLater();
            }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException) { Close(); }
        }

        private bool SendLaterRest(ArraySegment<byte> rest, int whole)
        {
            _laterArgs.SetBuffer(rest.Array, rest.Offset, rest.Count);
            _laterArgs.UserToken = whole;
            if (_socket.SendAsync(_laterArgs)) return false;
            AfterLaterSend(_laterArgs);
            return false;
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
                _laterArgs?.Dispose();
            }
            finally
            {
                // Counted out whatever happened above: a leak here would hold a connection slot forever.
                Finished(error);
            }
        }
    }
}

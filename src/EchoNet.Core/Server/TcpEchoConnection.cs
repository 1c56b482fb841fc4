using System;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EchoNet.Server
{
    /// <summary>
    /// One TCP client: echoes every byte it receives, in order (RFC 862).
    /// While idle it holds no buffer: it waits with a zero-byte receive and rents a buffer from the
    /// shared pool only while data is in flight. Receives and sends are tried synchronously on the
    /// non-blocking socket first; only a send that would block goes asynchronous, and while it is
    /// pending nothing more is read (backpressure: a client that does not read stops being read).
    /// One thread drives the connection at a time: the completion callback or the starter.
    /// </summary>
    internal sealed class TcpEchoConnection : IEchoConnection
    {
        private const int BufferSize = 32 * 1024;
        private static readonly byte[] NoBytes = new byte[0];

        private enum Step { Drained, Pending, Closed }

        private readonly TcpEchoListener _owner;
        private readonly Socket _socket;
        private readonly SocketAsyncEventArgs _args = new SocketAsyncEventArgs();
        private readonly ReplyFormat.Responder _responder;
        private byte[] _buffer;
        private byte[] _sendBuffer;
        private int _sendOffset;
        private int _sendLength;
        private long _bytesEchoed;
        private long _lastActivity;
        private int _closeRequested;
        private int _finished;

        public TcpEchoConnection(TcpEchoListener owner, Socket socket)
        {
            _owner = owner;
            _socket = socket;
            RemoteEndPoint = socket.RemoteEndPoint;
            _responder = owner.ReplyFormat?.CreateResponder();
            _lastActivity = Stopwatch.GetTimestamp();
            _args.Completed += OnCompleted;
        }

        public EndPoint RemoteEndPoint { get; }

        public long LastActivity => Volatile.Read(ref _lastActivity);

        public void Start()
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

        /// <summary>Asks the connection to end; the driving thread releases its resources.</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closeRequested, 1) != 0) return;
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
                var step = EchoAvailable();
                if (step != Step.Drained) return;
            } while (!PostWait());
        }

        private void AfterSend()
        {
            if (_args.SocketError != SocketError.Success) { Finish(null); return; }
            Sent(_args.BytesTransferred);
            if (Send() != Step.Drained) return;
            if (EchoAvailable() != Step.Drained) return;
            if (!PostWait()) AfterWait();
        }

        /// <summary>Zero-byte receive; returns true when it is pending.</summary>
        private bool PostWait()
        {
            ReturnBuffer();
            _args.SetBuffer(NoBytes, 0, 0);
            return _socket.ReceiveAsync(_args);
        }

        /// <summary>Receives and echoes until the socket has nothing more to give right now.</summary>
        private Step EchoAvailable()
        {
            if (_buffer == null) _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            while (true)
            {
                int received = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) return Step.Drained;
                if (error != SocketError.Success) { Finish(null); return Step.Closed; }
                if (received == 0)
                {
                    // The peer's FIN: all it sent has been echoed, so finish our side too.
                    try { _socket.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
                    Finish(null);
                    return Step.Closed;
                }
                Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
                _sendBuffer = _responder == null ? _buffer : _responder.Respond(_buffer, received);
                _sendOffset = 0;
                _sendLength = _responder == null ? received : _sendBuffer.Length;
                var step = Send();
                if (step != Step.Drained) return step;
            }
        }

        /// <summary>Sends _sendBuffer[_sendOffset.._sendLength); goes async only when the socket would block.</summary>
        private Step Send()
        {
            while (_sendOffset < _sendLength)
            {
                int sent = _socket.Send(_sendBuffer, _sendOffset, _sendLength - _sendOffset, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    _args.SetBuffer(_sendBuffer, _sendOffset, _sendLength - _sendOffset);
                    if (_socket.SendAsync(_args)) return Step.Pending;
                    if (_args.SocketError != SocketError.Success) { Finish(null); return Step.Closed; }
                    sent = _args.BytesTransferred;
                }
                else if (error != SocketError.Success)
                {
                    Finish(null);
                    return Step.Closed;
                }
                Sent(sent);
            }
            return Step.Drained;
        }

        private void Sent(int bytes)
        {
            _sendOffset += bytes;
            _bytesEchoed += bytes;
            _owner.Counters.Echoed(bytes);
            Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
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
            if (Interlocked.Exchange(ref _finished, 1) != 0) return;
            Close();
            ReturnBuffer();
            _args.Dispose();
            _owner.Remove(this, _bytesEchoed, error);
        }
    }
}

using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// One TCP (or TLS) connection that sends messages and cuts replies by a <see cref="ReplyRule"/>.
    /// Bytes received beyond a reply stay buffered and begin the next one; when the connection
    /// ends, <see cref="TakeLeftover"/> hands over what no reply took. Driven from the caller's
    /// thread: every wait is a readiness wait in short slices, bounded by the deadline and the
    /// token. No fixed sleeps. Not thread-safe: one caller at a time (see <see cref="TcpSession"/>).
    /// </summary>
    public sealed class TcpConnection : IDisposable
    {
        // Longest a wait blocks before the token is looked at again: the bound on Ctrl+C latency.
        private const int PollSliceMs = 100;

        private readonly ByteTransport _transport;
        private readonly ReplyBuffer _buffer = new ReplyBuffer();
        private bool _disposed;

        private TcpConnection(ByteTransport transport, string computerName, int port, TimeSpan connectTime)
        {
            _transport = transport;
            ComputerName = computerName;
            Port = port;
            Target = HostPort.Format(computerName, port);
            ConnectTime = connectTime;
        }

        public string ComputerName { get; }
        public int Port { get; }

        /// <summary>"host:port", as errors and traces name it.</summary>
        public string Target { get; }
        public IPEndPoint RemoteEndPoint => _transport.RemoteEndPoint;
        public IPEndPoint LocalEndPoint => _transport.LocalEndPoint;
        public TlsDetails Tls => _transport.Tls;
        public TimeSpan ConnectTime { get; }
        public long BytesSent { get; private set; }
        public long BytesReceived { get; private set; }

        /// <summary>Bytes received that no reply has taken yet.</summary>
        public int BufferedBytes => _buffer.Count;

        /// <summary>
        /// The stream has ended: the peer closed its side (end of stream read), a failure ended it,
        /// or it was closed here. Buffered bytes can still be taken. Kept for the name; see <see cref="EndReason"/>.
        /// </summary>
        public bool PeerClosed { get; private set; }

        /// <summary>Why the stream ended, in words that follow "closed: " (null while it is open).</summary>
        public string EndReason { get; private set; }

        /// <summary>Closed on this side (disposed, or dropped after a reply over the limit).</summary>
        public bool IsDisposed => _disposed;

        /// <summary>Resolves, connects and (with <paramref name="tls"/>) runs the handshake, all within one timeout.</summary>
        public static TcpConnection Open(ClientTarget to, int timeoutMs, TlsClientOptions tls, ClientTrace trace, CancellationToken cancel)
        {
            long start = Stopwatch.GetTimestamp();
            long deadline = Waits.Deadline(timeoutMs);
            string computerName = to.ComputerName;
            int port = to.Port;
            var target = to.ToString();
            var socket = TcpConnector.Connect(to, timeoutMs, cancel, trace);
            ByteTransport transport;
            try
            {
                transport = tls == null
                    ? (ByteTransport)new PlainTransport(socket, target)
                    : TlsTransport.Handshake(socket, computerName, target, tls, deadline, cancel);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                // The peer reset between the connect (or handshake) and now.
                socket.Dispose();
                throw NetException.From(e, $"The connection to {target} failed as it opened");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            if (transport.Tls != null)
                trace?.Add($"TLS with {target}: {transport.Tls.Protocol}, {transport.Tls.Cipher}; certificate {transport.Tls.CertificateSubject} " +
                           $"issued by {transport.Tls.CertificateIssuer}, expires {transport.Tls.CertificateExpires:u}.");
            return new TcpConnection(transport, computerName, port, TimeSpan.FromMilliseconds(Waits.ElapsedMs(start)));
        }

        /// <summary>A connection a listener accepted (plain TCP), named by its remote end point.</summary>
        public static TcpConnection Accepted(System.Net.Sockets.Socket socket)
        {
            var remote = (IPEndPoint)socket.RemoteEndPoint;
            var host = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().ToString() : remote.Address.ToString();
            return new TcpConnection(new PlainTransport(socket, HostPort.Format(host, remote.Port)), host, remote.Port, TimeSpan.Zero);
        }

        /// <summary>
        /// Sends <paramref name="payload"/> (may be empty) and cuts the reply the rule asks for from
        /// what is buffered and what arrives, within the timeout. On a timeout the bytes stay
        /// buffered and the connection stays usable.
        /// </summary>
        public TcpExchange Exchange(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel, ClientTrace trace = null)
        {
            _messageSent = 0;
            try
            {
                return ExchangeOnce(payload, rule, timeoutMs, cancel, trace);
            }
            catch (NetException e)
            {
                // A reset ends the stream as a close does: what is buffered can still be taken,
                // and the next send is a clear SessionClosed, not a second write into a dead socket.
                if (e.Kind == NetErrorKind.ConnectionReset) Ended(e.Message);
                e.BytesSent = _messageSent;
                throw;
            }
        }

        // Bytes of the message being exchanged that have left: what a failure reports as sent.
        private int _messageSent;

        /// <summary>Bytes of the last (or current) message that have left; for the one caller that holds the connection.</summary>
        internal int MessageBytesSent => _messageSent;

        private TcpExchange ExchangeOnce(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel, ClientTrace trace)
        {
            long start = Stopwatch.GetTimestamp();
            long deadline = Waits.Deadline(timeoutMs);
            bool reads = rule.Mode != ReplyMode.None;
            long lastReceived = _buffer.Count > 0 ? start : 0;
            int sent = 0, scanned = 0;
            if (_disposed) throw new NetException(NetErrorKind.SessionClosed, $"The connection to {Target} is closed: {EndReason}.");
            if (payload.Length > 0 && PeerClosed)
                throw new NetException(NetErrorKind.SessionClosed, $"The connection to {Target} is closed ({EndReason}); nothing more can be sent.");
            if (payload.Length > 0 && SendClosed)
                throw new NetException(NetErrorKind.SessionClosed, $"The sending side to {Target} was ended; nothing more can be sent.");
            while (true)
            {
                bool progress = false;
                if (sent < payload.Length)
                {
                    int n = _transport.TrySend(payload, sent, payload.Length - sent);
                    if (n > 0) { sent += n; _messageSent = sent; BytesSent += n; progress = true; }
                }
                bool drained = true;
                if (reads && !PeerClosed)
                {
                    int before = _buffer.Count;
                    if (_transport.TryReceive(_buffer, rule.MaxReplyBytes) == ReceiveOutcome.Closed) Ended(PeerClosedReason);
                    if (_buffer.Count > before)
                    {
                        BytesReceived += _buffer.Count - before;
                        lastReceived = Stopwatch.GetTimestamp();
                        progress = true;
                    }
                    drained = _buffer.Count <= rule.MaxReplyBytes;
                }
                if (sent == payload.Length)
                {
                    var end = ReplyFraming.Cut(rule, _buffer, sent, PeerClosed, drained, lastReceived, ref scanned, out int length);
                    if (end != null)
                    {
                        var reply = _buffer.Take(length);
                        trace?.Add($"Sent {sent} bytes to {Target}; reply of {reply.Length} bytes ended by {end}; {_buffer.Count} bytes stay buffered.");
                        return new TcpExchange(sent, reply, end.Value, Stopwatch.GetTimestamp() - start);
                    }
                    if (_buffer.Count > rule.MaxReplyBytes) throw TooLarge(rule.MaxReplyBytes);
                    if (PeerClosed)
                        throw new NetException(NetErrorKind.ConnectionReset,
                            $"{Target} closed the connection with {_buffer.Count} bytes buffered, before the reply was complete.");
                }
                else if (PeerClosed)
                {
                    throw new NetException(NetErrorKind.ConnectionReset, $"{Target} closed the connection before the message was sent.");
                }
                if (progress) continue;

                if (cancel.IsCancellationRequested)
                    throw CutShort(new NetException(NetErrorKind.Canceled, $"The exchange with {Target} was canceled."), sent, payload.Length);
                int left = Waits.Remaining(deadline);
                if (left == 0)
                    throw CutShort(new NetException(NetErrorKind.Timeout, ReplyFraming.TimeoutMessage(rule, Target, sent, payload.Length, _buffer.Count, timeoutMs)),
                        sent, payload.Length);
                int wait = Math.Min(PollSliceMs, left);
                if (rule.Mode == ReplyMode.Default && lastReceived != 0)
                    wait = Math.Min(wait, Math.Max(1, rule.QuietMs - (int)Waits.ElapsedMs(lastReceived)));
                _transport.WaitReady(sent < payload.Length, wait);
            }
        }

        /// <summary>
        /// Sends everything <paramref name="source"/> holds without loading it whole, receiving at
        /// the same time; what arrives goes to <paramref name="receivedTo"/> when given, else makes
        /// the reply as in <see cref="Exchange"/>. See <see cref="StreamedExchange"/>.
        /// </summary>
        public TcpExchange ExchangeFrom(System.IO.Stream source, ReplyRule rule, System.IO.Stream receivedTo, int timeoutMs,
            CancellationToken cancel, ClientTrace trace = null)
        {
            if (_disposed || PeerClosed) throw new NetException(NetErrorKind.SessionClosed, $"The connection to {Target} is closed ({EndReason}).");
            var streamed = new StreamedExchange(_transport, _buffer, Target);
            try
            {
                return streamed.Run(source, rule, receivedTo, timeoutMs, cancel, trace);
            }
            catch (NetException e) when (e.Kind == NetErrorKind.ReplyTooLarge)
            {
                Dispose();
                throw WithSent(e, streamed);
            }
            catch (NetException e) when (!streamed.AllSent && !_disposed)
            {
                // A file given up part way: as CutShort, the rest can never follow, so the peer sees a reset.
                _transport.Abort();
                Ended($"a file was given up after {streamed.Sent} of its bytes had left, and the connection was reset");
                throw WithSent(e, streamed);
            }
            catch (NetException e)
            {
                throw WithSent(e, streamed);
            }
            finally
            {
                BytesSent += streamed.Sent;
                BytesReceived += streamed.Received;
                if (streamed.PeerClosed) Ended(PeerClosedReason);
            }
        }

        private static NetException WithSent(NetException e, StreamedExchange streamed)
        {
            e.BytesSent = (int)Math.Min(streamed.Sent, int.MaxValue);
            return e;
        }

        /// <summary>
        /// A message given up before all of it left: the rest can never follow, and a later message
        /// would be read by the peer as its continuation. So the connection is reset (the peer sees
        /// a failure, not a clean end) and every later send is a clear SessionClosed; bytes already
        /// received stay buffered. The same on both transports: a TLS write cannot be taken back either.
        /// </summary>
        private NetException CutShort(NetException failure, int sent, int total)
        {
            if (sent == total) return failure;
            _transport.Abort();
            Ended($"a message was given up after {sent} of its {total} bytes had left, so the stream was out of step with the peer and the connection was reset");
            return new NetException(failure.Kind,
                failure.Message + " The connection was closed (reset), so that no later message can be read as the rest of this one.", failure.InnerException);
        }

        private const string PeerClosedReason = "the peer closed the connection";

        /// <summary>Marks the stream ended; the first reason given is the one kept.</summary>
        private void Ended(string reason)
        {
            PeerClosed = true;
            if (EndReason == null) EndReason = reason;
        }

        /// <summary>
        /// Returns what has arrived (buffered bytes first), waiting at most <paramref name="waitMs"/>
        /// when nothing has: the interactive mode's read, which shows bytes as they come rather than
        /// cutting replies. Empty when nothing came; a reset sets <see cref="PeerClosed"/> and throws.
        /// </summary>
        public byte[] ReceiveAvailable(int waitMs)
        {
            if (_buffer.Count == 0 && !_disposed && !PeerClosed)
            {
                ReceiveNow();
                if (_buffer.Count == 0 && !PeerClosed)
                {
                    _transport.WaitReady(false, waitMs);
                    ReceiveNow();
                }
            }
            return _buffer.Take(_buffer.Count);
        }

        /// <summary>
        /// Looks, without waiting, whether the peer has closed (or reset): reads what has arrived
        /// into the buffer, where the next reply or Receive begins with it (nothing is lost), so
        /// that an end of stream behind it, or behind a TLS close_notify, is seen too.
        /// </summary>
        public void Probe()
        {
            if (_disposed || PeerClosed) return;
            try
            {
                ReceiveNow();
            }
            catch (NetException)
            {
                // A reset: ReceiveNow has marked the stream ended, which is what was asked.
            }
        }

        private void ReceiveNow()
        {
            int before = _buffer.Count;
            try
            {
                if (_transport.TryReceive(_buffer, ReplyRule.DefaultMaxReplyBytes) == ReceiveOutcome.Closed) Ended(PeerClosedReason);
            }
            catch (NetException e) when (e.Kind == NetErrorKind.ConnectionReset)
            {
                Ended(e.Message);
                throw;
            }
            finally
            {
                BytesReceived += _buffer.Count - before;
            }
        }

        /// <summary>A reply larger than the limit: the connection is closed, its buffered bytes dropped and counted in the message.</summary>
        private NetException TooLarge(int limit)
        {
            int dropped = _buffer.Count;
            Ended($"a reply over the limit of {limit} bytes ended it");
            Dispose();
            return new NetException(NetErrorKind.ReplyTooLarge,
                $"{Target} sent {dropped} bytes without completing a reply, over the limit of {limit} bytes; the connection was closed and those bytes dropped.");
        }

        /// <summary>
        /// Removes and returns every byte no reply took: those buffered and, with
        /// <paramref name="drain"/>, those that have already arrived but were not read yet (read
        /// now, without waiting). Empty when none.
        /// </summary>
        public byte[] TakeLeftover(bool drain = true)
        {
            if (drain && !_disposed && !PeerClosed)
            {
                int before = _buffer.Count;
                try
                {
                    if (_transport.TryReceive(_buffer, ReplyRule.DefaultMaxReplyBytes) == ReceiveOutcome.Closed) Ended(PeerClosedReason);
                }
                catch (NetException)
                {
                    // A reset now changes nothing: what was read before it is still returned.
                }
                BytesReceived += _buffer.Count - before;
            }
            return _buffer.Take(_buffer.Count);
        }

        /// <summary>Sending has been ended by <see cref="ShutdownSend"/>: the peer has read end of stream.</summary>
        public bool SendClosed { get; private set; }

        /// <summary>Ends the sending side (as "nc -N" does at end of input); receiving goes on. False when the transport cannot.</summary>
        public bool ShutdownSend()
        {
            if (_disposed || SendClosed) return SendClosed;
            SendClosed = _transport.ShutdownSend();
            return SendClosed;
        }

        public void Dispose()
        {
            _disposed = true;
            Ended("it was closed on this side");
            _transport.Dispose();
            _buffer.Release();
        }
    }
}

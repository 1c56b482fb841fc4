using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// One message whose bytes come from a stream (Send-TcpMessage -Path): read a chunk at a time
    /// as the socket takes them, so a file of any size costs one 64 KiB buffer, while what arrives
    /// is received at the same time (an echo cannot deadlock on full buffers). What arrives is
    /// either written to <c>receivedTo</c> as it comes (-OutFile: the default rule and -ReplyLength
    /// end it) or held and cut by the reply rule like any reply. The timeout bounds each wait
    /// without progress, not the whole transfer.
    /// </summary>
    internal sealed class StreamedExchange
    {
        private const int ChunkSize = 64 * 1024;
        private const int PollSliceMs = 100;

        private readonly ByteTransport _transport;
        private readonly ReplyBuffer _buffer;
        private readonly string _target;

        public StreamedExchange(ByteTransport transport, ReplyBuffer buffer, string target)
        {
            _transport = transport;
            _buffer = buffer;
            _target = target;
        }

        /// <summary>Bytes sent so far.</summary>
        public long Sent { get; private set; }

        /// <summary>Bytes received so far (held or written to the stream).</summary>
        public long Received { get; private set; }

        /// <summary>Bytes written to the receiving stream.</summary>
        public long Written { get; private set; }

        public bool PeerClosed { get; private set; }

        /// <summary>The whole source has left.</summary>
        public bool AllSent { get; private set; }

        public TcpExchange Run(Stream source, ReplyRule rule, Stream receivedTo, int timeoutMs, CancellationToken cancel, ClientTrace trace)
        {
            long start = Stopwatch.GetTimestamp();
            long deadline = Waits.Deadline(timeoutMs);
            bool reads = rule.Mode != ReplyMode.None;
            var chunk = new byte[ChunkSize];
            int chunkLength = 0, chunkSent = 0, scanned = 0;
            bool sourceDone = false;
            long lastReceived = 0;
            while (true)
            {
                bool progress = false;
                if (!sourceDone && chunkSent == chunkLength)
                {
                    chunkLength = source.Read(chunk, 0, chunk.Length);
                    chunkSent = 0;
                    sourceDone = chunkLength == 0;
                }
                if (chunkSent < chunkLength)
                {
                    int n = _transport.TrySend(chunk, chunkSent, chunkLength - chunkSent);
                    if (n > 0) { chunkSent += n; Sent += n; progress = true; }
                }
                bool drained = true;
                if (reads && !PeerClosed)
                {
                    int before = _buffer.Count;
                    if (_transport.TryReceive(_buffer, rule.MaxReplyBytes) == ReceiveOutcome.Closed) PeerClosed = true;
                    if (_buffer.Count > before)
                    {
                        Received += _buffer.Count - before;
                        lastReceived = Stopwatch.GetTimestamp();
                        progress = true;
                    }
                    if (receivedTo != null && _buffer.Count > 0) WriteOut(receivedTo);
                    drained = _buffer.Count <= rule.MaxReplyBytes;
                }
                bool allSent = AllSent = sourceDone && chunkSent == chunkLength;
                if (allSent)
                {
                    int length = 0;
                    var end = receivedTo != null
                        ? EndOfWritten(rule, drained, lastReceived)
                        : ReplyFraming.Cut(rule, _buffer, (int)Math.Min(Sent, int.MaxValue), PeerClosed, drained, lastReceived, ref scanned, out length);
                    if (end != null)
                    {
                        var reply = _buffer.Take(length);
                        trace?.Add($"Sent {Sent} bytes to {_target} from a file; " +
                                   (receivedTo != null ? $"{Written} bytes received written to the file, ended by {end}." : $"reply of {reply.Length} bytes ended by {end}."));
                        return new TcpExchange((int)Math.Min(Sent, int.MaxValue), reply, end.Value, Stopwatch.GetTimestamp() - start, Written);
                    }
                    if (_buffer.Count > rule.MaxReplyBytes)
                        throw new NetException(NetErrorKind.ReplyTooLarge,
                            $"{_target} sent {_buffer.Count} bytes without completing a reply, over the limit of {rule.MaxReplyBytes} bytes; the connection was closed and those bytes dropped. -OutFile writes a large reply to a file instead.");
                    if (PeerClosed)
                        throw new NetException(NetErrorKind.ConnectionReset, $"{_target} closed the connection before the reply was complete.");
                }
                else if (PeerClosed)
                {
                    throw new NetException(NetErrorKind.ConnectionReset, $"{_target} closed the connection after {Sent} bytes of the file were sent.");
                }
                if (progress)
                {
                    deadline = Waits.Deadline(timeoutMs);
                    continue;
                }
                if (cancel.IsCancellationRequested) throw new NetException(NetErrorKind.Canceled, $"Sending the file to {_target} was canceled.");
                int left = Waits.Remaining(deadline);
                if (left == 0)
                    throw new NetException(NetErrorKind.Timeout, allSent
                        ? $"No reply from {_target} within {timeoutMs} ms after the file was sent."
                        : $"{_target} took none of the file for {timeoutMs} ms after {Sent} bytes: the peer is not reading.");
                int wait = Math.Min(PollSliceMs, left);
                if (rule.Mode == ReplyMode.Default && lastReceived != 0)
                    wait = Math.Min(wait, Math.Max(1, rule.QuietMs - (int)Waits.ElapsedMs(lastReceived)));
                _transport.WaitReady(!allSent, wait);
            }
        }

        private void WriteOut(Stream to)
        {
            var bytes = _buffer.Take(_buffer.Count);
            to.Write(bytes, 0, bytes.Length);
            Written += bytes.Length;
        }

        /// <summary>Whether what was written to the file completes the reply: the whole echo, the length, the peer's quiet or close.</summary>
        private ReplyEnd? EndOfWritten(ReplyRule rule, bool drained, long lastReceived)
        {
            switch (rule.Mode)
            {
                case ReplyMode.None: return ReplyEnd.NotRead;
                case ReplyMode.Length: return Written >= rule.Length ? ReplyEnd.Length : (ReplyEnd?)null;
                default:
                    if (Sent > 0 && drained && Written >= Sent) return ReplyEnd.Echo;
                    if (PeerClosed) return ReplyEnd.Closed;
                    if (Written > 0 && lastReceived != 0 && Waits.ElapsedMs(lastReceived) >= rule.QuietMs) return ReplyEnd.Quiet;
                    return null;
            }
        }
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// UDP against one server: 64-byte datagrams, a fixed number in flight. Each carries its
    /// sequence number; a reply must match the datagram sent byte for byte. A datagram with no
    /// reply within the loss timeout is lost and replaced; a wrong reply is an error.
    /// Runs on one dedicated thread with a blocking, connected socket.
    /// </summary>
    internal sealed class UdpWindow : ILoad, IDisposable
    {
        private const int Size = 64;
        private static readonly long LossTicks = Stopwatch.Frequency / 4; // 250 ms
        private readonly Socket _socket;
        private readonly int _window;
        private readonly Dictionary<long, long> _outstanding = new Dictionary<long, long>();
        private readonly byte[] _send = new byte[Size];
        private readonly byte[] _receive = new byte[2048];
        private long _next;

        public UdpWindow(int port, int window)
        {
            _window = window;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            _socket.ReceiveTimeout = 50;
        }

        public string LastError { get; private set; }

        public async Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency)
        {
            latency.Reset();
            var control = new RoundControl(latency);
            var counts = new Counts();
            var meter = Meter.Begin(server);
            var worker = Task.Factory.StartNew(() => Loop(control, counts), TaskCreationOptions.LongRunning);
            await Task.Delay(duration);
            long counted = Volatile.Read(ref counts.Replies);
            var round = meter.End(counted, Size);
            control.Stop = true;
            if (await Task.WhenAny(worker, Task.Delay(TimeSpan.FromSeconds(10))) != worker) counts.Errors++;
            round.Errors = counts.Errors;
            round.Lost = counts.Lost;
            (round.P50Us, round.P99Us, round.MaxUs) = latency.Percentiles();
            return round;
        }

        private sealed class Counts { public long Replies, Errors, Lost; }

        private void Loop(RoundControl control, Counts counts)
        {
            long stopAt = 0;
            long lastSweep = Stopwatch.GetTimestamp();
            try
            {
                while (true)
                {
                    bool stop = control.Stop;
                    if (stop && stopAt == 0) stopAt = Stopwatch.GetTimestamp();
                    while (!stop && _outstanding.Count < _window) SendNext();
                    if (stop && (_outstanding.Count == 0 || Stopwatch.GetTimestamp() - stopAt > LossTicks)) break;

                    int n = Receive(out var error);
                    long now = Stopwatch.GetTimestamp();
                    if (n >= 0)
                    {
                        if (!Check(n, now, control, stop, ref counts.Replies)) { counts.Errors++; }
                    }
                    else if (error != SocketError.TimedOut && error != SocketError.WouldBlock)
                    {
                        counts.Errors++;
                        LastError = "receive failed: " + error;
                        Thread.Sleep(10);
                    }
                    if (n < 0 || now - lastSweep > LossTicks)
                    {
                        lastSweep = now;
                        counts.Lost += Sweep(now);
                    }
                }
                counts.Lost += _outstanding.Count; // no reply within the loss timeout after the deadline
                _outstanding.Clear();
            }
            catch (Exception e)
            {
                counts.Errors++;
                LastError = e.Message;
            }
        }

        private int Receive(out SocketError error)
        {
            int n = _socket.Receive(_receive, 0, _receive.Length, SocketFlags.None, out error);
            return error == SocketError.Success ? n : -1;
        }

        private void SendNext()
        {
            long seq = _next++;
            Fill(_send, seq);
            _outstanding[seq] = Stopwatch.GetTimestamp();
            _socket.Send(_send, 0, Size, SocketFlags.None);
        }

        private static void Fill(Span<byte> datagram, long seq)
        {
            BinaryPrimitives.WriteInt64LittleEndian(datagram, seq);
            Payload.For(0, seq, Size - 8).Span.CopyTo(datagram.Slice(8));
        }

        private bool Check(int n, long now, RoundControl control, bool stop, ref long replies)
        {
            if (n != Size) { LastError = $"a reply of {n} bytes to a {Size}-byte datagram"; return false; }
            long seq = BinaryPrimitives.ReadInt64LittleEndian(_receive);
            Span<byte> expected = stackalloc byte[Size];
            Fill(expected, seq);
            if (!expected.SequenceEqual(_receive.AsSpan(0, Size))) { LastError = "a reply differs from its datagram"; return false; }
            if (!_outstanding.Remove(seq, out long sentAt)) return true; // late reply to one already counted lost
            if (!stop)
            {
                Interlocked.Increment(ref replies);
                control.Latency.Add(now - sentAt);
            }
            return true;
        }

        private long Sweep(long now)
        {
            long lost = 0;
            List<long> old = null;
            foreach (var pair in _outstanding)
                if (now - pair.Value > LossTicks) (old ??= new List<long>()).Add(pair.Key);
            if (old != null)
                foreach (var seq in old) { _outstanding.Remove(seq); lost++; }
            return lost;
        }

        public void Dispose() => _socket.Dispose();
    }
}

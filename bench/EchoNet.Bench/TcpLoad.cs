using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>Stop flag and shared latency log of one measured round.</summary>
    internal sealed class RoundControl
    {
        public volatile bool Stop;
        public readonly LatencyLog Latency;
        public RoundControl(LatencyLog latency) => Latency = latency;
    }

    /// <summary>Rate and server CPU over one slice of the soak.</summary>
    public sealed class SoakSlice
    {
        public double AtSeconds { get; set; }
        public double MessagesPerSecond { get; set; }
        public double ServerCpuPercent { get; set; }
    }

    /// <summary>One client connection of a ping-pong workload.</summary>
    internal sealed class PingPongConnection
    {
        public int Id;
        public Socket Socket;
        public byte[] Receive;
        public long Sequence;
        public long Counted;
        public long Errors;
        public bool Dead;
        public string LastError;
    }

    /// <summary>
    /// TCP clients against one server: N connections, each sends a message, reads back exactly as
    /// many bytes, compares them with what it sent, and repeats. Any wrong, missing or extra byte,
    /// reset or stall is an error; a connection with an error is not used again.
    /// </summary>
    internal sealed class TcpPingPong : ILoad, IDisposable
    {
        /// <summary>Connections that failed to open (set by the workload that opened them).</summary>
        public long ConnectFailures;
        private readonly int _port;
        private readonly int _size;
        private readonly bool _lines;
        private readonly List<PingPongConnection> _connections = new List<PingPongConnection>();

        /// <param name="port">The server's TCP port.</param>
        /// <param name="size">Bytes per message.</param>
        /// <param name="lines">Send <see cref="Payload.Line"/>s (for line-framed servers; size must be <see cref="Payload.LineSize"/>).</param>
        public TcpPingPong(int port, int size, bool lines = false)
        {
            _port = port;
            _size = size;
            _lines = lines;
        }

        public int Open => _connections.Count(c => !c.Dead);

        public static async Task<Socket> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(10));
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async Task<long> ConnectAllAsync(int count, int parallel = 200)
        {
            long failures = 0;
            for (int start = 0; start < count; start += parallel)
            {
                int n = Math.Min(parallel, count - start);
                var batch = Enumerable.Range(start, n).Select(async i =>
                {
                    try { return (i, await ConnectAsync(_port)); }
                    catch (Exception) { return (i, (Socket)null); }
                }).ToArray();
                foreach (var (i, socket) in await Task.WhenAll(batch))
                {
                    if (socket == null) { failures++; continue; }
                    _connections.Add(new PingPongConnection { Id = i, Socket = socket, Receive = new byte[Math.Max(_size, 64)] });
                }
            }
            return failures;
        }

        /// <summary>
        /// Runs one round; the counts are taken at the deadline, in-flight messages then finish.
        /// With <paramref name="slices"/>, also the rate and server CPU of every <paramref name="slice"/> (the soak).
        /// </summary>
        public async Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency,
            TimeSpan slice = default, List<SoakSlice> slices = null)
        {
            latency.Reset();
            var control = new RoundControl(latency);
            var live = _connections.Where(c => !c.Dead).ToArray();
            foreach (var c in live) { c.Counted = 0; c.Errors = 0; }
            var meter = Meter.Begin(server);
            var loops = live.Select(c => Loop(c, control)).ToArray();
            if (slices == null || slice <= TimeSpan.Zero) await Task.Delay(duration);
            else
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed + slice <= duration + TimeSpan.FromMilliseconds(1))
                {
                    var part = Meter.Begin(server);
                    long before = live.Sum(c => Volatile.Read(ref c.Counted));
                    await Task.Delay(slice);
                    var r = part.End(live.Sum(c => Volatile.Read(ref c.Counted)) - before, _size);
                    slices.Add(new SoakSlice { AtSeconds = clock.Elapsed.TotalSeconds, MessagesPerSecond = r.MessagesPerSecond, ServerCpuPercent = r.ServerCpuPercent });
                }
                if (clock.Elapsed < duration) await Task.Delay(duration - clock.Elapsed);
            }
            long messages = live.Sum(c => Volatile.Read(ref c.Counted));
            var round = meter.End(messages, _size);
            control.Stop = true;
            round.Errors = await Drain(loops, live);
            (round.P50Us, round.P99Us, round.MaxUs) = latency.Percentiles();
            return round;
        }

        /// <summary>Waits for the loops to finish their last message; a stall is a missing-bytes error.</summary>
        internal static async Task<long> Drain(Task[] loops, PingPongConnection[] live)
        {
            var all = Task.WhenAll(loops);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) != all)
            {
                for (int i = 0; i < loops.Length; i++)
                {
                    if (loops[i].IsCompleted) continue;
                    live[i].Errors++;
                    live[i].Dead = true;
                    live[i].LastError ??= "no complete echo within 10 s";
                    live[i].Socket.Dispose();
                }
                await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
            }
            return live.Sum(c => c.Errors);
        }

        private async Task Loop(PingPongConnection c, RoundControl control, bool once = false)
        {
            var socket = c.Socket;
            var receive = c.Receive;
            int size = _size;
            try
            {
                while (!control.Stop)
                {
                    var message = _lines ? Payload.Line(c.Id, c.Sequence++) : Payload.For(c.Id, c.Sequence++, size);
                    long start = Stopwatch.GetTimestamp();
                    await socket.SendAsync(message, SocketFlags.None);
                    int got = 0;
                    while (got < size)
                    {
                        int n = await socket.ReceiveAsync(receive.AsMemory(got, size - got), SocketFlags.None);
                        if (n == 0) throw new InvalidOperationException($"the server closed after {got} of {size} echoed bytes");
                        got += n;
                    }
                    long end = Stopwatch.GetTimestamp();
                    if (!receive.AsSpan(0, size).SequenceEqual(message.Span))
                        throw new InvalidOperationException("an echoed message differs from the one sent");
                    if (!control.Stop)
                    {
                        c.Counted++;
                        control.Latency.Add(end - start);
                    }
                    if (once) break;
                }
            }
            catch (Exception e)
            {
                c.Errors++;
                c.Dead = true;
                c.LastError = e.Message;
                c.Socket.Dispose();
            }
        }

        /// <summary>One verified echo on every open connection, 500 at a time; returns the errors.</summary>
        Task<Round> ILoad.RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency) => RunAsync(duration, server, latency);

        public async Task<long> RunOnceAsync(LatencyLog latency)
        {
            latency.Reset();
            var live = _connections.Where(c => !c.Dead).ToArray();
            long errors = 0;
            for (int start = 0; start < live.Length; start += 500)
            {
                var batch = live.Skip(start).Take(500).ToArray();
                var control = new RoundControl(latency);
                var once = batch.Select(c => Loop(c, control, once: true)).ToArray();
                errors += await Drain(once, batch);
            }
            return errors;
        }

        public string FirstError() => _connections.Select(c => c.LastError).FirstOrDefault(e => e != null);

        public void Dispose()
        {
            foreach (var c in _connections) c.Socket.Dispose();
            _connections.Clear();
        }
    }

    /// <summary>
    /// Connect, echo 64 bytes, half-close, wait for the server's FIN, close: repeated by a few
    /// concurrent clients. Counts complete cycles; any failure or wrong byte is an error.
    /// </summary>
    internal sealed class TcpConnectCycle : ILoad
    {
        private const int Size = 64;
        private readonly int _port;
        private readonly int _parallel;
        private int _nextId;

        public TcpConnectCycle(int port, int parallel)
        {
            _port = port;
            _parallel = parallel;
        }

        public string LastError { get; private set; }

        public async Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency)
        {
            latency.Reset();
            var control = new RoundControl(latency);
            var workers = Enumerable.Range(0, _parallel).Select(_ => new PingPongConnection { Receive = new byte[Size] }).ToArray();
            var meter = Meter.Begin(server);
            var loops = workers.Select(w => Loop(w, control)).ToArray();
            await Task.Delay(duration);
            long cycles = workers.Sum(w => Volatile.Read(ref w.Counted));
            var round = meter.End(cycles, Size);
            control.Stop = true;
            var all = Task.WhenAll(loops);
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15))) != all)
                round.Errors += loops.Count(l => !l.IsCompleted);
            round.Errors += workers.Sum(w => w.Errors);
            (round.P50Us, round.P99Us, round.MaxUs) = latency.Percentiles();
            return round;
        }

        private async Task Loop(PingPongConnection w, RoundControl control)
        {
            var receive = w.Receive;
            while (!control.Stop)
            {
                int id = Interlocked.Increment(ref _nextId);
                var message = Payload.For(id, 0, Size);
                long start = Stopwatch.GetTimestamp();
                Socket socket = null;
                try
                {
                    socket = await TcpPingPong.ConnectAsync(_port);
                    await socket.SendAsync(message, SocketFlags.None);
                    int got = 0;
                    while (got < Size)
                    {
                        int n = await socket.ReceiveAsync(receive.AsMemory(got, Size - got), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                        if (n == 0) throw new InvalidOperationException($"the server closed after {got} of {Size} echoed bytes");
                        got += n;
                    }
                    if (!receive.AsSpan(0, Size).SequenceEqual(message.Span))
                        throw new InvalidOperationException("an echoed message differs from the one sent");
                    socket.Shutdown(SocketShutdown.Send);
                    int fin = await socket.ReceiveAsync(receive.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                    if (fin != 0) throw new InvalidOperationException("extra bytes after the echo");
                    long end = Stopwatch.GetTimestamp();
                    if (!control.Stop)
                    {
                        w.Counted++;
                        control.Latency.Add(end - start);
                    }
                }
                catch (Exception e)
                {
                    w.Errors++;
                    LastError = e.Message;
                }
                finally
                {
                    socket?.Dispose();
                }
            }
        }
    }

    /// <summary>Server CPU, generator CPU and wall time between the start and the end of a round.</summary>
    internal readonly struct Meter
    {
        private readonly ServerProcess _server;
        private readonly TimeSpan _serverCpu;
        private readonly TimeSpan _ownCpu;
        private readonly long _start;

        private Meter(ServerProcess server)
        {
            _server = server;
            _serverCpu = server?.CpuTime() ?? TimeSpan.Zero;
            _ownCpu = OwnCpu();
            _start = Stopwatch.GetTimestamp();
        }

        public static Meter Begin(ServerProcess server) => new Meter(server);

        private static TimeSpan OwnCpu() => ServerProcess.SchedStatCpu(Environment.ProcessId) ?? Process.GetCurrentProcess().TotalProcessorTime;

        public Round End(long messages, long bytesPerMessage)
        {
            double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            var serverCpu = (_server?.CpuTime() ?? TimeSpan.Zero) - _serverCpu;
            var ownCpu = OwnCpu() - _ownCpu;
            return new Round
            {
                Seconds = seconds,
                Messages = messages,
                MessagesPerSecond = messages / seconds,
                MegabytesPerSecond = messages * (double)bytesPerMessage / seconds / 1e6,
                ServerCpuUsPerMessage = _server == null || messages == 0 ? double.NaN : serverCpu.TotalMilliseconds * 1000 / messages,
                ServerCpuPercent = _server == null ? double.NaN : 100 * serverCpu.TotalSeconds / seconds,
                GeneratorCpuPercent = 100 * ownCpu.TotalSeconds / seconds,
            };
        }
    }
}

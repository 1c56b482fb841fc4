using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Client;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// Runs a throughput test (PsPing -b, a small iperf): each connection sends its share of the
    /// pattern in chunks on a thread of its own while another thread reads what comes back and
    /// checks it byte by byte; after the last byte it half-closes and waits for the server to
    /// close. The threads are dedicated, never pool threads, and every send and receive is
    /// bounded by the plan's timeout; cancellation closes the sockets.
    /// </summary>
    public static class ThroughputTest
    {
        private static readonly ThroughputPattern Pattern = new ThroughputPattern();

        public static ThroughputResult Run(ThroughputPlan plan, ClientTrace trace, CancellationToken cancel)
        {
            var target = plan.Target;
            var name = HostPort.Format(target.ComputerName, target.Port);
            var sockets = new Socket[plan.Connections];
            var figures = Enumerable.Range(1, plan.Connections).Select(i => new ConnectionThroughput { Connection = i }).ToArray();
            try
            {
                // Connect all first, so the timed part moves bytes only.
                for (int i = 0; i < sockets.Length; i++)
                {
                    try
                    {
                        sockets[i] = TcpConnector.Connect(target, plan.TimeoutMs, cancel);
                        sockets[i].NoDelay = true;
                        sockets[i].SendTimeout = plan.TimeoutMs;
                        sockets[i].ReceiveTimeout = plan.TimeoutMs;
                    }
                    catch (NetException e) when (e.Kind != NetErrorKind.Canceled)
                    {
                        Fail(figures[i], e.Kind.ToString(), e.Naming(name).Message);
                    }
                }
                trace?.Add($"{name}: {sockets.Count(s => s != null)} of {plan.Connections} connections open; {(plan.Discard ? "discard" : "echo")} test starts.");
                long cpuBefore = CpuTicks();
                long start = Stopwatch.GetTimestamp();
                long deadline = plan.DurationMs > 0 ? Waits.Deadline(plan.DurationMs) : long.MaxValue;
                var threads = new Thread[sockets.Length];
                using (cancel.Register(() => CloseAll(sockets)))
                {
                    for (int i = 0; i < sockets.Length; i++)
                    {
                        if (sockets[i] == null) continue;
                        int index = i;
                        threads[i] = new Thread(() => RunConnection(plan, index, sockets[index], figures[index], deadline, start, name))
                        { IsBackground = true, Name = "EchoNet throughput " + (i + 1) };
                        threads[i].Start();
                    }
                    foreach (var thread in threads) thread?.Join();
                }
                cancel.ThrowIfCancellationRequested();
                var result = new ThroughputResult
                {
                    Target = name,
                    ComputerName = target.ComputerName,
                    Port = target.Port,
                    Mode = plan.Discard ? "Discard" : "Echo",
                    Connections = plan.Connections,
                    FailedConnections = figures.Count(f => f.ErrorId != null),
                    BytesSent = figures.Sum(f => f.BytesSent),
                    BytesReceived = figures.Sum(f => f.BytesReceived),
                    Verified = figures.All(f => f.Verified),
                    Duration = TimeSpan.FromMilliseconds(Waits.ElapsedMs(start)),
                    CpuTime = TimeSpan.FromTicks(CpuTicks() - cpuBefore),
                    Connection = figures,
                };
                var finished = figures.Where(f => f.ErrorId == null).ToArray();
                result.MinConnectionMBps = finished.Length == 0 ? 0 : finished.Min(f => f.MBps);
                result.MaxConnectionMBps = finished.Length == 0 ? 0 : finished.Max(f => f.MBps);
                return result;
            }
            catch (OperationCanceledException)
            {
                throw new NetException(NetErrorKind.Canceled, $"The throughput test of {name} was canceled.");
            }
            finally
            {
                CloseAll(sockets);
            }
        }

        private static void RunConnection(ThroughputPlan plan, int index, Socket socket, ConnectionThroughput figures, long deadline, long start, string name)
        {
            long share = plan.DurationMs > 0 ? long.MaxValue : plan.BytesFor(index);
            long sent = 0;
            bool sending = true;
            var reader = new Thread(() => Receive(plan, index, name, socket, figures, () => Volatile.Read(ref sending) ? -1 : Volatile.Read(ref sent)))
            { IsBackground = true, Name = "EchoNet throughput reader " + (index + 1) };
            reader.Start();
            try
            {
                var buffer = Pattern.Buffer;
                while (sent < share && Stopwatch.GetTimestamp() < deadline)
                {
                    int n = (int)Math.Min(ThroughputPlan.ChunkBytes, share - sent);
                    n = socket.Send(buffer, ThroughputPattern.IndexOf(index, sent), n, SocketFlags.None);
                    Volatile.Write(ref sent, sent + n);
                }
                figures.BytesSent = sent;
                Volatile.Write(ref sending, false);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                figures.BytesSent = sent;
                Volatile.Write(ref sending, false);
                Fail(figures, ErrorIdOf(e), $"{name} connection {index + 1}: sending stopped after {sent} bytes: {e.Message}");
            }
            reader.Join();
            figures.Seconds = Waits.ElapsedMs(start) / 1000.0;
            if (figures.ErrorId == null) figures.Verified = true;
        }

        /// <summary>Reads until the server closes, checking each echoed byte against the pattern; <paramref name="sentInAll"/> is -1 while the sender still sends.</summary>
        private static void Receive(ThroughputPlan plan, int index, string name, Socket socket, ConnectionThroughput figures, Func<long> sentInAll)
        {
            var buffer = new byte[64 * 1024];
            long received = 0;
            try
            {
                while (true)
                {
                    int n = socket.Receive(buffer);
                    if (n == 0) break;
                    if (plan.Discard)
                    {
                        received += n;
                        continue;
                    }
                    int wrong = Pattern.FirstMismatch(index, received, buffer, n);
                    if (wrong >= 0)
                    {
                        figures.BytesReceived = received + n;
                        Fail(figures, "EchoMismatch", $"{name} connection {index + 1}: the echo differs from what was sent at byte {received + wrong}.");
                        return;
                    }
                    received += n;
                }
                figures.BytesReceived = received;
                long sent = sentInAll();
                if (sent < 0)
                    Fail(figures, "EchoIncomplete", $"{name} connection {index + 1}: the server closed the connection after {received} bytes, while they were still being sent.");
                else if (plan.Discard && received > 0)
                    Fail(figures, "UnexpectedReply", $"{name} connection {index + 1}: a discard server sent {received} bytes back.");
                else if (!plan.Discard && received != sent)
                    Fail(figures, "EchoIncomplete", $"{name} connection {index + 1}: {received} bytes came back of {sent} sent.");
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                figures.BytesReceived = received;
                Fail(figures, ErrorIdOf(e), $"{name} connection {index + 1}: receiving stopped after {received} bytes: {e.Message}");
            }
        }

        private static string ErrorIdOf(Exception e) =>
            e is SocketException se ? (se.SocketErrorCode == SocketError.TimedOut || se.SocketErrorCode == SocketError.WouldBlock ? NetErrorKind.Timeout : NetException.KindOf(se.SocketErrorCode)).ToString()
                : NetErrorKind.Canceled.ToString();

        private static void Fail(ConnectionThroughput figures, string id, string message)
        {
            lock (figures)
            {
                if (figures.ErrorId != null) return;
                figures.ErrorId = id;
                figures.Error = message;
                figures.Verified = false;
            }
        }

        private static void CloseAll(Socket[] sockets)
        {
            foreach (var socket in sockets) socket?.Dispose();
        }

        private static long CpuTicks()
        {
            using (var process = Process.GetCurrentProcess()) return process.TotalProcessorTime.Ticks;
        }
    }
}

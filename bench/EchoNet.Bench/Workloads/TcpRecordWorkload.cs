using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 13: workload 2 (50 TCP connections, 64 B ping-pong) against a second EchoNet server
    /// started with -Record, as a ratio to the usual EchoNet server without it, interleaved in the
    /// same run: what recording every chunk costs. Nothing reads the recording, so it fills to its
    /// 16 MiB limit and then drops the oldest events, as a long-running recording server would.
    /// </summary>
    internal sealed class TcpRecordWorkload : Workload
    {
        private const string Name = "TCP 50 conns, 64 B ping-pong: -Record / without (both EchoNet)";
        private const int Connections = 50;
        private const int MessageBytes = 64;

        public override int Id => 13;
        public override int RunOrder => 25;
        public override Servers Needs => Servers.EchoNet;

        public override async Task RunAsync(BenchContext bench)
        {
            BenchContext.Step($"workload {Id}: {Name}");
            ServerProcess recording;
            try { recording = bench.StartEchoNet("-Record"); }
            catch (System.TimeoutException e)
            {
                // Seen on a loaded machine after other workloads: report it, let the run go on.
                BenchContext.Step("  skipped: " + e.Message);
                return;
            }
            try
            {
                using var r = new TcpPingPong(recording.TcpPort, MessageBytes);
                using var p = new TcpPingPong(bench.EchoNet.TcpPort, MessageBytes);
                long failR = await r.ConnectAllAsync(Connections);
                long failP = await p.ConnectAllAsync(Connections);
                var (sr, sp) = await bench.Compare(r, recording, p, bench.EchoNet);
                sr.Errors += failR;
                sp.Errors += failP;
                var row = bench.Row(Id, Name, "msgs/s", sr, sp, s => s.MessagesPerSecond);
                BenchContext.NoteErrors(row, r.FirstError(), p.FirstError());
                row.Targets.Add(new Target { Text = "zero errors with -Record", Met = sr.Errors == 0 });
                BenchContext.Step($"  -Record {row.EchoNet:0.#} vs without {row.Baseline:0.#} msgs/s (ratio {row.Ratio:0.00}), CPU/msg {sr.ServerCpuUsPerMessage:0.00} vs {sp.ServerCpuUsPerMessage:0.00} µs, errors {sr.Errors}/{sp.Errors}");
            }
            finally
            {
                Children.Release(recording);
            }
        }
    }
}

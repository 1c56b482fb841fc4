using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 17: Start-EchoServer -Forward (no faults) against the relay anyone would write with
    /// plain .NET sockets (bench/BaselineServer --relay), both in front of the baseline echo server,
    /// interleaved in the same run: 50 connections × 64 B (msgs/s) and × 64 KiB (MB/s); then one
    /// connection's 64 B round trip through EchoNet's relay beside the same round trip straight to
    /// the upstream: what the relay adds to p50 (Toxiproxy promises at most 100 µs).
    /// </summary>
    internal sealed class TcpRelayWorkload : Workload
    {
        private const int Connections = 50;

        public override int Id => 17;
        public override int RunOrder => 27;
        public override Servers Needs => Servers.Both;

        public override async Task RunAsync(BenchContext bench)
        {
            BenchContext.Step($"workload {Id}: relay (-Forward) vs a plain .NET relay, both in front of the baseline echo server");
            ServerProcess relay = null, plain = null;
            try
            {
                int upstream = bench.Baseline.TcpPort;
                try
                {
                    relay = bench.StartEchoNet("-Forward", "127.0.0.1:" + upstream);
                    plain = bench.StartBaselineRelay(upstream);
                }
                catch (System.TimeoutException e)
                {
                    BenchContext.Step("  skipped: " + e.Message);
                    return;
                }
                await Throughput(bench, relay, plain, 64, "TCP relay 50 conns × 64 B (EchoNet -Forward / .NET relay)", "msgs/s", s => s.MessagesPerSecond);
                await Throughput(bench, relay, plain, 64 * 1024, "TCP relay 50 conns × 64 KiB (EchoNet -Forward / .NET relay)", "MB/s", s => s.MegabytesPerSecond);
                await AddedLatency(bench, relay);
            }
            finally
            {
                if (relay != null) Children.Release(relay);
                if (plain != null) Children.Release(plain);
            }
        }

        private async Task Throughput(BenchContext bench, ServerProcess relay, ServerProcess plain, int size, string name, string metric, System.Func<Summary, double> headline)
        {
            using var e = new TcpPingPong(relay.TcpPort, size);
            using var b = new TcpPingPong(plain.TcpPort, size);
            long failE = await e.ConnectAllAsync(Connections);
            long failB = await b.ConnectAllAsync(Connections);
            var (se, sb) = await bench.Compare(e, relay, b, plain);
            se.Errors += failE;
            sb.Errors += failB;
            var row = bench.Row(Id, name, metric, se, sb, headline);
            var spread = RatioSpread.Of(".NET relay", se, sb, headline);
            row.Spreads.Add(spread);
            BenchContext.NoteErrors(row, e.FirstError(), b.FirstError());
            row.Targets.Add(new Target { Text = $"{metric} ≥ .NET relay", Met = row.Ratio >= 1.0 });
            row.Targets.Add(new Target { Text = "zero errors", Met = se.Errors == 0 && sb.Errors == 0 });
            BenchContext.Step($"  {name}: {row.EchoNet:0.#} vs {row.Baseline:0.#} {metric} (ratio {row.Ratio:0.00}; per round {spread.Median:0.00} ({spread.Min:0.00}-{spread.Max:0.00}), msgs/CPU-s {spread.EfficiencyMedian:0.00} ({spread.EfficiencyMin:0.00}-{spread.EfficiencyMax:0.00})), CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs, errors {se.Errors}/{sb.Errors}");
        }

        private async Task AddedLatency(BenchContext bench, ServerProcess relay)
        {
            const string name = "TCP 1 conn 64 B: through EchoNet's relay / straight to the upstream";
            using var e = new TcpPingPong(relay.TcpPort, 64);
            using var b = new TcpPingPong(bench.Baseline.TcpPort, 64);
            long failE = await e.ConnectAllAsync(1);
            long failB = await b.ConnectAllAsync(1);
            var (se, sb) = await bench.Compare(e, relay, b, bench.Baseline);
            se.Errors += failE;
            sb.Errors += failB;
            var row = bench.Row(Id, name, "p50 µs", se, sb, s => s.P50Us);
            double added = row.EchoNet - row.Baseline;
            row.Targets.Add(new Target { Text = $"relay adds ≤ 100 µs p50 (adds {added:0.#})", Met = added <= 100 });
            row.Targets.Add(new Target { Text = "zero errors", Met = se.Errors == 0 });
            BenchContext.Step($"  {name}: p50 {row.EchoNet:0.#} vs {row.Baseline:0.#} µs: the relay adds {added:0.#} µs");
        }
    }
}

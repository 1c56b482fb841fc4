using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 7: managed heap and working set per idle connection (after a full GC), each
    /// connection having echoed once, so each has had a buffer in flight.
    /// </summary>
    internal sealed class IdleMemoryWorkload : Workload
    {
        public override int Id => 7;
        public override int RunOrder => 60;

        public override async Task RunAsync(BenchContext bench)
        {
            int n = bench.Settings.IdleConnections;
            const string name = "10,000 idle connections: memory";
            BenchContext.Step($"workload 7: {n} idle connections");
            var (e, eWs, eErr) = await IdleOn(bench, bench.EchoNet, n);
            var (b, bWs, bErr) = await IdleOn(bench, bench.Baseline, n);
            var row = new WorkloadResult
            {
                Id = Id, Name = n == 10_000 ? name : $"{n:N0} idle connections: memory", Metric = "heap B/conn",
                EchoNet = e, Baseline = b, Ratio = Stats.Ratio(e, b),
            };
            row.Extra["echoNetWorkingSetBytesPerConnection"] = eWs;
            row.Extra["baselineWorkingSetBytesPerConnection"] = bWs;
            row.Extra["echoNetErrors"] = eErr;
            row.Extra["baselineErrors"] = bErr;
            row.Targets.Add(new Target { Text = "≤ 4096 B managed heap per idle connection", Met = e <= 4096 });
            row.Targets.Add(new Target { Text = "zero errors", Met = eErr == 0 });
            bench.Results.Add(row);
            BenchContext.Step($"  heap/conn EchoNet {e:0} B vs baseline {b:0} B; working set/conn {eWs:0} vs {bWs:0} B; errors {eErr}/{bErr}");
        }

        private static async Task<(double Heap, double WorkingSet, long Errors)> IdleOn(BenchContext bench, ServerProcess server, int n)
        {
            var before = server.Memory();
            using var clients = new TcpPingPong(server.TcpPort, 64);
            long errors = await clients.ConnectAllAsync(n);
            // One verified echo per connection, so each has had a buffer in flight once.
            var round = await clients.RunOnceAsync(bench.Latency);
            errors += round;
            await Task.Delay(500);
            var after = server.Memory();
            int open = clients.Open;
            if (open == 0) return (double.NaN, double.NaN, errors);
            return ((after.Heap - before.Heap) / (double)open, (after.WorkingSet - before.WorkingSet) / (double)open, errors);
        }
    }
}

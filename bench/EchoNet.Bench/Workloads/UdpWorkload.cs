using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>Workload 5: UDP, 64 B datagrams, 32 in flight; replies per second, loss counted.</summary>
    internal sealed class UdpWorkload : Workload
    {
        public override int Id => 5;
        public override int RunOrder => 50;

        public override async Task RunAsync(BenchContext bench)
        {
            const string name = "UDP 64 B, 32 in flight";
            BenchContext.Step($"workload 5: {name}");
            using var m = await bench.CompareAll(server => Task.FromResult(new UdpWindow(server.UdpPort, 32)));
            var (e, b) = (m.Load("EchoNet"), m.Load("baseline"));
            var (se, sb) = (m.Summary("EchoNet"), m.Summary("baseline"));
            var row = bench.Row(Id, name, "replies/s", m, s => s.MessagesPerSecond);
            row.Extra["echoNetLossPercent"] = se.LossPercent;
            row.Extra["baselineLossPercent"] = sb.LossPercent;
            BenchContext.NoteErrors(row, e.LastError, b.LastError);
            BenchContext.ThroughputTargets(row, "replies/s");
            BenchContext.Step($"  EchoNet {row.EchoNet:0} vs baseline {row.Baseline:0} replies/s, loss {se.LossPercent:0.###}% / {sb.LossPercent:0.###}%, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs{BenchContext.Spreads(row)}");
        }
    }
}

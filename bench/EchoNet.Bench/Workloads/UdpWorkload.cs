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
            using var e = new UdpWindow(bench.EchoNet.UdpPort, 32);
            using var b = new UdpWindow(bench.Baseline.UdpPort, 32);
            var (se, sb) = await bench.Compare(e, b);
            var row = bench.Row(Id, name, "replies/s", se, sb, s => s.MessagesPerSecond);
            row.Extra["echoNetLossPercent"] = se.LossPercent;
            row.Extra["baselineLossPercent"] = sb.LossPercent;
            BenchContext.NoteErrors(row, e.LastError, b.LastError);
            BenchContext.ThroughputTargets(row, "replies/s");
            BenchContext.Step($"  EchoNet {row.EchoNet:0} vs baseline {row.Baseline:0} replies/s, loss {se.LossPercent:0.###}% / {sb.LossPercent:0.###}%, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs");
        }
    }
}

using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 6: a few clients each connect, echo 64 B, half-close, wait for the server's FIN and
    /// close, over and over; connections per second.
    /// </summary>
    internal sealed class ConnectCycleWorkload : Workload
    {
        public override int Id => 6;
        /// <summary>After workload 7 (idle memory), as in every published table.</summary>
        public override int RunOrder => 70;

        public override async Task RunAsync(BenchContext bench)
        {
            const string name = "TCP connect, echo 64 B, close";
            BenchContext.Step($"workload 6: {name}");
            using var m = await bench.CompareAll(server => Task.FromResult(new TcpConnectCycle(server.TcpPort, 8)));
            var (e, b) = (m.Load("EchoNet"), m.Load("baseline"));
            var (se, sb) = (m.Summary("EchoNet"), m.Summary("baseline"));
            var row = bench.Row(Id, name, "conns/s", m, s => s.MessagesPerSecond);
            BenchContext.NoteErrors(row, e.LastError, b.LastError);
            BenchContext.ThroughputTargets(row, "conns/s");
            BenchContext.Step($"  EchoNet {row.EchoNet:0} vs baseline {row.Baseline:0} conns/s, CPU/conn {se.ServerCpuUsPerMessage:0.0} vs {sb.ServerCpuUsPerMessage:0.0} µs, errors {se.Errors}/{sb.Errors}{BenchContext.Spreads(row)}");
        }
    }
}

using System;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workloads 1-4: a number of TCP connections, each sending a message and waiting for its echo
    /// before the next, against both servers. Each workload is a subclass that sets the numbers.
    /// </summary>
    internal abstract class PingPongWorkload : Workload
    {
        protected abstract string Name { get; }
        protected abstract int Connections { get; }
        protected abstract int MessageBytes { get; }
        /// <summary>The headline metric's name and unit, e.g. "msgs/s".</summary>
        protected abstract string Metric { get; }
        protected abstract double Headline(Summary s);

        /// <summary>The row's targets; by default those of every throughput workload.</summary>
        protected virtual void AddTargets(WorkloadResult row) => BenchContext.ThroughputTargets(row, Metric);

        public override async Task RunAsync(BenchContext bench)
        {
            BenchContext.Step($"workload {Id}: {Name}");
            using var e = new TcpPingPong(bench.EchoNet.TcpPort, MessageBytes);
            using var b = new TcpPingPong(bench.Baseline.TcpPort, MessageBytes);
            long failE = await e.ConnectAllAsync(Connections);
            long failB = await b.ConnectAllAsync(Connections);
            var (se, sb) = await bench.Compare(e, b);
            se.Errors += failE;
            sb.Errors += failB;
            var row = bench.Row(Id, Name, Metric, se, sb, Headline);
            BenchContext.NoteErrors(row, e.FirstError(), b.FirstError());
            AddTargets(row);
            BenchContext.Step($"  EchoNet {row.EchoNet:0.#} vs baseline {row.Baseline:0.#} {Metric}, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs, errors {se.Errors}/{sb.Errors}");
        }
    }
}

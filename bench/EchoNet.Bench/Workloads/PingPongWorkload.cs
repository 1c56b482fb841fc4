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
            using var m = await bench.CompareAll(async server =>
            {
                var load = new TcpPingPong(server.TcpPort, MessageBytes);
                load.ConnectFailures = await load.ConnectAllAsync(Connections);
                return load;
            });
            var (e, b) = (m.Load("EchoNet"), m.Load("baseline"));
            for (int i = 0; i < m.Count; i++) m.Summary(i).Errors += m.Load(i).ConnectFailures;
            var (se, sb) = (m.Summary("EchoNet"), m.Summary("baseline"));
            var row = bench.Row(Id, Name, Metric, m, Headline);
            BenchContext.NoteErrors(row, e.FirstError(), b.FirstError());
            AddTargets(row);
            BenchContext.Step($"  EchoNet {row.EchoNet:0.#} vs baseline {row.Baseline:0.#} {Metric}, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs, errors {se.Errors}/{sb.Errors}{BenchContext.Spreads(row)}");
        }
    }
}

using System;
using System.Threading.Tasks;
using EchoNet.Client;
using EchoNet.Diagnostics;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 14: Measure-Throughput's figure beside the load generator's, on the same EchoNet
    /// server in the same run, interleaved. The Measure-Throughput side runs the runner the cmdlet
    /// runs (<see cref="ThroughputTest"/>, from src/EchoNet.Core) in this process, so both sides
    /// share the generator's core and differ only in what they do: it streams 32 KiB chunks and
    /// checks the echo; the generator ping-pongs 64 KiB messages and checks them. Both count MB/s
    /// as payload sent per second in 10^6 bytes.
    /// </summary>
    internal sealed class MeasureThroughputWorkload : Workload
    {
        private const int Connections = 4;
        private const int MessageBytes = 64 * 1024;
        private const string Name = "TCP 4 conns, echo: Measure-Throughput / generator 64 KiB ping-pong (same EchoNet server)";

        public override int Id => 14;
        public override int RunOrder => 35;
        public override Servers Needs => Servers.EchoNet;

        public override async Task RunAsync(BenchContext bench)
        {
            BenchContext.Step($"workload {Id}: {Name}");
            var measure = new ThroughputLoad(bench.EchoNet.TcpPort, Connections);
            using var generator = new TcpPingPong(bench.EchoNet.TcpPort, MessageBytes);
            long failG = await generator.ConnectAllAsync(Connections);
            var (sm, sg) = await bench.Compare(measure, bench.EchoNet, generator, bench.EchoNet);
            sg.Errors += failG;
            var row = bench.Row(Id, Name, "MB/s", sm, sg, s => s.MegabytesPerSecond);
            row.EchoNetLabel = "Measure-Throughput";
            row.BaselineLabel = "generator";
            BenchContext.NoteErrors(row, measure.FirstError, generator.FirstError());
            row.Targets.Add(new Target { Text = "every echoed byte verified, zero errors on both sides", Met = sm.Errors + sg.Errors == 0 });
            BenchContext.Step($"  Measure-Throughput {row.EchoNet:0.#} vs generator {row.Baseline:0.#} MB/s (ratio {row.Ratio:0.00}), errors {sm.Errors}/{sg.Errors}");
        }

        /// <summary>One round: ThroughputTest for the round's duration; its own MB/s is the round's figure.</summary>
        private sealed class ThroughputLoad : ILoad
        {
            private readonly int _port;
            private readonly int _connections;

            public ThroughputLoad(int port, int connections)
            {
                _port = port;
                _connections = connections;
            }

            public string FirstError { get; private set; }

            public Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency)
            {
                return Task.Run(() =>
                {
                    var plan = new ThroughputPlan(new ClientTarget("127.0.0.1", _port), _connections, 0, (int)duration.TotalMilliseconds, false, 10_000);
                    var meter = Meter.Begin(server);
                    var result = ThroughputTest.Run(plan, null, default);
                    var round = meter.End(result.BytesSent / ThroughputPlan.ChunkBytes, ThroughputPlan.ChunkBytes);
                    // The runner's own figure, not the meter's: the meter's clock also covers the connects.
                    round.MegabytesPerSecond = result.MBps;
                    round.Errors = result.FailedConnections + (result.Verified ? 0 : 1);
                    if (round.Errors > 0 && FirstError == null)
                        FirstError = Array.Find(result.Connection, c => c.Error != null)?.Error ?? "not verified";
                    return round;
                });
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Orchestration only: starts the servers the chosen workloads need, runs the workloads
    /// (Workloads/, one file each) in run order, prints the table and writes results.json.
    /// </summary>
    internal sealed class Runner
    {
        private readonly Options _o;
        private readonly BenchContext _bench;

        public Runner(Options options)
        {
            _o = options;
            string dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath : "dotnet";
            bool pinned = Environment.GetEnvironmentVariable("ECHONET_BENCH_PINNED") != null;
            _bench = new BenchContext(options, Settings.For(options.Quick), dotnet, serverCore: pinned ? 1 : null, clientCore: pinned ? 0 : null);
        }

        /// <summary>"full", "quick", or the workloads chosen with --only.</summary>
        private string RunKind => _o.OnlyText != null ? "workload " + _o.OnlyText + (_o.Quick ? ", quick" : "") : _o.Quick ? "quick" : "full";

        public async Task<int> RunAsync()
        {
            var total = Stopwatch.StartNew();
            Console.WriteLine($"EchoNet benchmark ({RunKind}): {Machine.Describe()}; generator on core {(_bench.ClientCore?.ToString() ?? "any")}, servers on core {(_bench.ServerCore?.ToString() ?? "any")}");
            if (!File.Exists(_o.Baseline)) { Console.Error.WriteLine($"Baseline server not built: {_o.Baseline}"); return 2; }
            var chosen = Workload.All.Where(w => _o.Only.Contains(w.Id)).ToList();
            var needs = chosen.Aggregate(Servers.None, (n, w) => n | w.Needs);
            try
            {
                if (needs.HasFlag(Servers.Baseline))
                {
                    BenchContext.Step("starting servers: EchoNet (pwsh, Start-EchoServer) and the plain .NET baseline");
                    _bench.EchoNet = _bench.StartEchoNet();
                    _bench.Baseline = _bench.StartBaseline();
                    BenchContext.Step($"EchoNet pid {_bench.EchoNet.Pid} port {_bench.EchoNet.TcpPort}; baseline pid {_bench.Baseline.Pid} port {_bench.Baseline.TcpPort}");
                    _bench.StartFloor();
                    if (_bench.Floor != null) BenchContext.Step($"{CFloor.Label} pid {_bench.Floor.Pid} tcp {_bench.Floor.TcpPort} udp {_bench.Floor.UdpPort}");
                    if (_o.PreviousManifest != null)
                    {
                        _bench.Previous = _bench.StartPrevious();
                        BenchContext.Step($"{_o.PreviousLabel} (EchoNet from {_o.PreviousManifest}) pid {_bench.Previous.Pid} port {_bench.Previous.TcpPort}");
                    }
                }
                else if (needs.HasFlag(Servers.EchoNet))
                {
                    BenchContext.Step("starting the EchoNet server (pwsh, Start-EchoServer)");
                    _bench.EchoNet = _bench.StartEchoNet();
                    BenchContext.Step($"EchoNet pid {_bench.EchoNet.Pid} port {_bench.EchoNet.TcpPort}");
                }
                foreach (var workload in chosen) await workload.RunAsync(_bench);
            }
            finally
            {
                if (_bench.EchoNet != null) Children.Release(_bench.EchoNet);
                if (_bench.Baseline != null) Children.Release(_bench.Baseline);
                if (_bench.Floor != null) Children.Release(_bench.Floor);
                if (_bench.Previous != null) Children.Release(_bench.Previous);
            }
            var elapsed = total.Elapsed;
            var s = _bench.Settings;
            var report = new Report
            {
                Machine = Machine.Info(_bench.ClientCore, _bench.ServerCore),
                Quick = _o.Quick,
                Kind = RunKind,
                Command = "dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Bench" + (_o.Quick ? " -Quick" : "")
                    + (_o.OnlyText != null ? " -Workload " + _o.OnlyText : "") + (_o.PreviousManifest != null ? " -CompareTo " + _o.PreviousLabel : ""),
                Settings = new Dictionary<string, object>
                {
                    ["warmUpSeconds"] = s.WarmUp.TotalSeconds, ["roundSeconds"] = s.Round.TotalSeconds, ["rounds"] = s.Rounds,
                    ["idleConnections"] = s.IdleConnections, ["urlCorpus"] = s.UrlCorpus,
                    ["soakConnections"] = s.SoakConnections, ["soakSeconds"] = s.SoakDuration.TotalSeconds,
                    ["soakMessageBytes"] = s.SoakMessageBytes,
                },
                FloorSkipped = _bench.FloorSkipped,
                Seconds = Math.Round(elapsed.TotalSeconds, 1),
                Workloads = _bench.Results,
            };
            Table.Print(report);
            Directory.CreateDirectory(Path.GetDirectoryName(_o.Output));
            File.WriteAllText(_o.Output, JsonSerializer.Serialize(report, new JsonSerializerOptions
            {
                WriteIndented = true,
                NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            }));
            Console.WriteLine($"Results: {_o.Output} ({elapsed.TotalSeconds:0} s)");
            return 0;
        }
    }
}

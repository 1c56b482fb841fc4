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
    /// What a workload gets from the runner: the settings, the running servers, the shared latency
    /// log, the results table, and the measuring steps every comparison uses (warm-up, then
    /// interleaved rounds; a row with its ratios; the throughput targets).
    /// </summary>
    internal sealed class BenchContext
    {
        private readonly string _dotnet;

        public BenchContext(Options options, Settings settings, string dotnet, int? serverCore, int? clientCore)
        {
            Options = options;
            Settings = settings;
            _dotnet = dotnet;
            ServerCore = serverCore;
            ClientCore = clientCore;
        }

        public Options Options { get; }
        public Settings Settings { get; }
        /// <summary>The core the servers (and pwsh scripts that act as servers) are pinned to, or null.</summary>
        public int? ServerCore { get; }
        /// <summary>The core the generator (and pwsh scripts that act as clients) are pinned to, or null.</summary>
        public int? ClientCore { get; }
        /// <summary>Start-EchoServer in its own pwsh; null when no chosen workload needs it.</summary>
        public ServerProcess EchoNet { get; set; }
        /// <summary>The plain .NET server; null when no chosen workload needs it.</summary>
        public ServerProcess Baseline { get; set; }
        public LatencyLog Latency { get; } = new LatencyLog(8_000_000);
        /// <summary>The table's rows, in the order the workloads add them.</summary>
        public List<WorkloadResult> Results { get; } = new List<WorkloadResult>();

        /// <summary>bench/results.json's folder, for files a workload writes (e.g. the URL corpus).</summary>
        public string OutputFolder => Path.GetDirectoryName(Options.Output);

        public static void Step(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

        /// <summary>dotnet pwsh running bench/<paramref name="script"/> with the module manifest and these arguments.</summary>
        public IEnumerable<string> Pwsh(string script, params string[] args)
        {
            return new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(Options.Root, "bench", script), "-ModuleManifest", Path.Combine(Options.Root, "EchoNet.psd1") }.Concat(args);
        }

        /// <summary>Start-EchoServer in its own pwsh; <paramref name="args"/> go to bench/EchoNetServer.ps1 (e.g. "-Record").</summary>
        public ServerProcess StartEchoNet(params string[] args) =>
            Children.Track(ServerProcess.Start("EchoNet", _dotnet, Pwsh("EchoNetServer.ps1", args), Options.Root, ServerCore, TimeSpan.FromSeconds(90)));

        public ServerProcess StartBaseline() =>
            Children.Track(ServerProcess.Start("baseline", _dotnet, new[] { Options.Baseline }, Options.Root, ServerCore, TimeSpan.FromSeconds(60)));

        /// <summary>The baseline program as a plain .NET relay to 127.0.0.1:<paramref name="upstreamPort"/> (workload 15).</summary>
        public ServerProcess StartBaselineRelay(int upstreamPort) =>
            Children.Track(ServerProcess.Start("baseline relay", _dotnet, new[] { Options.Baseline, "--relay", upstreamPort.ToString() }, Options.Root, ServerCore, TimeSpan.FromSeconds(60)));

        /// <summary>Warm-up on each server, then interleaved rounds (the order alternates), medians.</summary>
        public Task<(Summary E, Summary B)> Compare(ILoad e, ILoad b) => Compare(e, EchoNet, b, Baseline);

        /// <summary><see cref="Compare(ILoad, ILoad)"/> against two other servers (e.g. EchoNet with and without an option).</summary>
        public async Task<(Summary E, Summary B)> Compare(ILoad e, ServerProcess eServer, ILoad b, ServerProcess bServer)
        {
            long warmErrorsE = (await e.RunAsync(Settings.WarmUp, eServer, Latency)).Errors;
            long warmErrorsB = (await b.RunAsync(Settings.WarmUp, bServer, Latency)).Errors;
            var re = new List<Round>();
            var rb = new List<Round>();
            for (int r = 0; r < Settings.Rounds; r++)
            {
                if (r % 2 == 0)
                {
                    re.Add(await e.RunAsync(Settings.Round, eServer, Latency));
                    rb.Add(await b.RunAsync(Settings.Round, bServer, Latency));
                }
                else
                {
                    rb.Add(await b.RunAsync(Settings.Round, bServer, Latency));
                    re.Add(await e.RunAsync(Settings.Round, eServer, Latency));
                }
            }
            var se = Summary.Of(re);
            var sb = Summary.Of(rb);
            se.Errors += warmErrorsE;
            sb.Errors += warmErrorsB;
            return (se, sb);
        }

        /// <summary>Adds the row of a compared workload: the headline metric of each server, their ratio and CPU ratio.</summary>
        public WorkloadResult Row(int id, string name, string metric, Summary e, Summary b, Func<Summary, double> headline)
        {
            var row = new WorkloadResult
            {
                Id = id, Name = name, Metric = metric, EchoNetDetail = e, BaselineDetail = b,
                EchoNet = headline(e), Baseline = headline(b),
            };
            row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
            row.CpuRatio = Stats.Ratio(e.ServerCpuUsPerMessage, b.ServerCpuUsPerMessage);
            Results.Add(row);
            return row;
        }

        /// <summary>Notes each server's first error (null for none) on the row.</summary>
        public static void NoteErrors(WorkloadResult row, string echoNetError, string baselineError)
        {
            if (echoNetError != null) row.Note = "EchoNet: " + echoNetError;
            if (baselineError != null) row.Note = (row.Note == null ? "" : row.Note + "; ") + "baseline: " + baselineError;
        }

        /// <summary>The targets of every throughput workload: at least the baseline's rate, at most 0.8× its CPU, no errors.</summary>
        public static void ThroughputTargets(WorkloadResult row, string what)
        {
            row.Targets.Add(new Target { Text = $"{what} ≥ baseline (ratio ≥ 1.00)", Met = row.Ratio >= 1.0 });
            row.Targets.Add(new Target { Text = "server CPU/msg ≤ 0.8× baseline", Met = row.CpuRatio <= 0.8 });
            row.Targets.Add(new Target { Text = "zero errors", Met = row.EchoNetDetail.Errors == 0 });
        }

        /// <summary>Runs a bench/*.ps1 script in a fresh pwsh and parses its RESULT line; null when it gave none.</summary>
        public JsonDocument RunPwsh(string script, int? core, params string[] args)
        {
            var psi = Launch.StartInfo(_dotnet, Pwsh(script, args), Options.Root, core);
            using var p = Process.Start(psi);
            var tracked = Children.Track(new KillOnDispose(p));
            var stderr = p.StandardError.ReadToEndAsync();
            string result = null;
            string line;
            var output = new List<string>();
            while ((line = p.StandardOutput.ReadLine()) != null)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal)) result = line.Substring(7);
                else output.Add(line);
            }
            if (!p.WaitForExit(120_000)) Console.Error.WriteLine($"{script} did not exit");
            Children.Release(tracked);
            if (result == null)
            {
                Console.Error.WriteLine($"{script} gave no result. Output: {string.Join(Environment.NewLine, output)} {stderr.Result}");
                return null;
            }
            return JsonDocument.Parse(result);
        }

        private sealed class KillOnDispose : IDisposable
        {
            private readonly Process _p;
            public KillOnDispose(Process p) => _p = p;
            public void Dispose()
            {
                try { if (!_p.HasExited) _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
        }
    }
}

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
        /// <summary>The C floor (<see cref="CFloor"/>); null when skipped or no chosen workload compares servers.</summary>
        public ServerProcess Floor { get; set; }
        /// <summary>Why the floor is not measured, or null.</summary>
        public string FloorSkipped { get; set; }
        /// <summary>EchoNet of the build given with <c>-CompareTo</c>; null when not comparing builds.</summary>
        public ServerProcess Previous { get; set; }
        public LatencyLog Latency { get; } = new LatencyLog(8_000_000);
        /// <summary>The table's rows, in the order the workloads add them.</summary>
        public List<WorkloadResult> Results { get; } = new List<WorkloadResult>();

        /// <summary>bench/results.json's folder, for files a workload writes (e.g. the URL corpus).</summary>
        public string OutputFolder => Path.GetDirectoryName(Options.Output);

        public static void Step(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

        /// <summary>dotnet pwsh running bench/<paramref name="script"/> with the module manifest and these arguments.</summary>
        public IEnumerable<string> Pwsh(string script, params string[] args) => Pwsh(script, Path.Combine(Options.Root, "EchoNet.psd1"), args);

        private IEnumerable<string> Pwsh(string script, string manifest, string[] args)
        {
            return new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(Options.Root, "bench", script), "-ModuleManifest", manifest }.Concat(args);
        }

        /// <summary>Start-EchoServer in its own pwsh; <paramref name="args"/> go to bench/EchoNetServer.ps1 (e.g. "-Record").</summary>
        public ServerProcess StartEchoNet(params string[] args) =>
            Children.Track(ServerProcess.Start("EchoNet", _dotnet, Pwsh("EchoNetServer.ps1", args), Options.Root, ServerCore, TimeSpan.FromSeconds(90)));

        /// <summary>The same server from the other build's module (<c>-CompareTo</c>), run by this build's script.</summary>
        public ServerProcess StartPrevious() =>
            Children.Track(ServerProcess.Start(Options.PreviousLabel, _dotnet, Pwsh("EchoNetServer.ps1", Options.PreviousManifest, Array.Empty<string>()), Options.Root, ServerCore, TimeSpan.FromSeconds(90)));

        /// <summary>Builds (if needed) and starts the C floor; on failure notes why in <see cref="FloorSkipped"/>.</summary>
        public void StartFloor()
        {
            string binary = CFloor.Build(Options, out string skipped);
            if (binary != null)
            {
                try { Floor = Children.Track(CFloor.Start(binary, Options.Root, ServerCore)); }
                catch (Exception e) when (e is InvalidOperationException || e is TimeoutException || e is IOException) { skipped = e.Message; }
            }
            FloorSkipped = skipped;
            if (skipped != null) Step($"C floor skipped: {skipped}");
        }

        /// <summary>
        /// A load per server: EchoNet, the baseline, and the C floor and the other build when they
        /// run. Each is warmed up, then all are measured in interleaved rounds whose order rotates
        /// (each server takes each place in turn), so that a neighbour's burst falls on all alike.
        /// </summary>
        public async Task<Measured<TLoad>> CompareAll<TLoad>(Func<ServerProcess, Task<TLoad>> open) where TLoad : ILoad
        {
            var m = new Measured<TLoad>();
            try
            {
                foreach (var (label, server) in new[] { ("EchoNet", EchoNet), ("baseline", Baseline), (CFloor.Label, Floor), (Options.PreviousLabel, Previous) })
                    if (server != null) m.Add(label, server, await open(server));
                var warmErrors = new long[m.Count];
                for (int i = 0; i < m.Count; i++) warmErrors[i] = (await m.Load(i).RunAsync(Settings.WarmUp, m.Server(i), Latency)).Errors;
                var rounds = Enumerable.Range(0, m.Count).Select(_ => new List<Round>()).ToArray();
                for (int r = 0; r < Settings.Rounds; r++)
                {
                    for (int k = 0; k < m.Count; k++)
                    {
                        int i = (r + k) % m.Count;
                        rounds[i].Add(await m.Load(i).RunAsync(Settings.Round, m.Server(i), Latency));
                    }
                }
                for (int i = 0; i < m.Count; i++)
                {
                    var summary = Summary.Of(rounds[i]);
                    summary.Errors += warmErrors[i];
                    m.SetSummary(i, summary);
                }
                return m;
            }
            catch
            {
                m.Dispose();
                throw;
            }
        }

        /// <summary>The row of a <see cref="CompareAll"/>: EchoNet against the baseline, with the per-round ratios to every other server.</summary>
        public WorkloadResult Row<TLoad>(int id, string name, string metric, Measured<TLoad> m, Func<Summary, double> headline) where TLoad : ILoad
        {
            var row = Row(id, name, metric, m.Summary("EchoNet"), m.Summary("baseline"), headline);
            for (int i = 1; i < m.Count; i++) row.Spreads.Add(RatioSpread.Of(m.Label(i), m.Summary(0), m.Summary(i), headline));
            if (Floor == null && FloorSkipped != null) row.Spreads.Add(new RatioSpread { Against = CFloor.Label + " (skipped: " + FloorSkipped + ")" });
            return row;
        }

        public ServerProcess StartBaseline() =>
            Children.Track(ServerProcess.Start("baseline", _dotnet, new[] { Options.Baseline }, Options.Root, ServerCore, TimeSpan.FromSeconds(60)));

        /// <summary>The baseline program as a plain .NET relay to 127.0.0.1:<paramref name="upstreamPort"/> (workload 17).</summary>
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

        /// <summary>", ÷ C floor 1.21 (0.95-1.40), ...": the per-round ratios of a row, for the progress lines.</summary>
        public static string Spreads(WorkloadResult row) =>
            string.Concat(row.Spreads.Select(s => $", ÷ {s.Against} {Table.Spread(s)}"));

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

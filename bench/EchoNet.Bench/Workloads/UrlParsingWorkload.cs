using System;
using System.Collections.Generic;
using System.IO;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 8, no servers: <c>UrlParser.Parse</c> against <c>Uri.TryCreate</c> + <c>AbsoluteUri</c>
    /// on two corpora, the generated one (<see cref="UrlCorpus"/>) and a real-world one
    /// (bench/data/urls, 99.6 % already normal), each after a warm-up of interleaved passes long
    /// enough for tiering to finish, then interleaved timed passes (with a per-kind breakdown of the
    /// generated corpus); then <c>Get-Content file | ConvertFrom-Url</c> against
    /// <c>Get-Content file | % { [uri]$_ }</c> in one pwsh (bench/UrlPipeline.ps1) on 100,000
    /// generated URLs and on the real-world ones. Before those, the core on 40,000 file: URLs. Five rows.
    /// </summary>
    internal sealed class UrlParsingWorkload : Workload
    {
        public override int Id => 8;
        public override int RunOrder => 90;
        public override Servers Needs => Servers.None;

        /// <summary>The core's target: this many times faster than System.Uri on each corpus.</summary>
        private const double TargetSpeedUp = 2.5;

        public override Task RunAsync(BenchContext bench)
        {
            BenchContext.Step("workload 8: URL parsing, parser core vs System.Uri; ConvertFrom-Url vs [uri] pipeline");
            BenchContext.Step("  parser entry point: " + UrlCore.EntryPoint);
            var generated = UrlCorpus.Generate(bench.Settings.UrlCorpus);
            string realPath = Path.Combine(bench.Options.Root, "bench", "data", "urls", "kasztp.txt");
            var real = File.ReadAllLines(realPath).Where(line => line.Length > 0).ToList();
            bench.Results.Add(MeasureCore(bench, $"URL parse, {generated.Count:N0} generated URLs: core vs System.Uri", generated, breakdown: true));
            bench.Results.Add(MeasureCore(bench, $"URL parse, {real.Count:N0} real-world URLs (bench/data/urls): core vs System.Uri", real, breakdown: false));
            var files = UrlCorpus.FileUrls(40_000);
            bench.Results.Add(MeasureCore(bench, $"URL parse, {files.Count:N0} file: URLs (90 % already normal): core vs System.Uri", files, breakdown: false));

            string corpusPath = Path.Combine(bench.OutputFolder, "urls.txt");
            Directory.CreateDirectory(bench.OutputFolder);
            File.WriteAllLines(corpusPath, UrlCorpus.Generate(bench.Settings.PipelineCorpus, seed: 8));
            bench.Results.Add(MeasurePipeline(bench, $"Get-Content | ConvertFrom-Url vs | % {{ [uri]$_ }}, {bench.Settings.PipelineCorpus:N0} generated URLs", corpusPath));
            bench.Results.Add(MeasurePipeline(bench, $"Get-Content | ConvertFrom-Url vs | % {{ [uri]$_ }}, {real.Count:N0} real-world URLs", realPath));
            return Task.CompletedTask;
        }

        /// <summary>Target of the cmdlet pipeline: this many times faster than the [uri] pipeline (median of the per-round speed-ups).</summary>
        private const double PipelineTargetSpeedUp = 1.2;

        /// <summary>
        /// <c>Get-Content file | ConvertFrom-Url</c> against <c>Get-Content file | % { [uri]$_ }</c> in
        /// one pwsh (bench/UrlPipeline.ps1), interleaved rounds; the row's spread is the per-round speed-up.
        /// </summary>
        private static WorkloadResult MeasurePipeline(BenchContext bench, string name, string corpusPath)
        {
            var pipe = new WorkloadResult { Id = 8, Name = name, Metric = "ms/pass", EchoNetLabel = "ConvertFrom-Url", BaselineLabel = "[uri]" };
            var json = bench.RunPwsh("UrlPipeline.ps1", bench.ServerCore, "-CorpusPath", corpusPath, "-Rounds", bench.Settings.PipelineRounds.ToString(),
                "-WarmUpSeconds", bench.Settings.UrlWarmUp.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (json == null)
            {
                pipe.Skipped = "the pipeline script failed";
                BenchContext.Step("  pipeline skipped: " + pipe.Skipped);
                return pipe;
            }
            double[] Read(string property) => json.RootElement.GetProperty(property).EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var cmdletMs = Read("cmdletMs");
            var uriMs = Read("uriMs");
            pipe.EchoNet = Stats.Median(cmdletMs);
            pipe.Baseline = Stats.Median(uriMs);
            pipe.Ratio = Stats.Ratio(pipe.EchoNet, pipe.Baseline);
            pipe.Extra["cmdletObjects"] = json.RootElement.GetProperty("cmdletObjects").GetDouble();
            pipe.Extra["uriObjects"] = json.RootElement.GetProperty("uriObjects").GetDouble();
            pipe.Extra["warmUpSeconds"] = json.RootElement.GetProperty("warmUpSeconds").GetDouble();
            // Each round ran both pipelines back to back: the speed-up round by round, wall and CPU.
            var speedUps = uriMs.Zip(cmdletMs, Stats.Ratio).ToList();
            var spread = new RatioSpread
            {
                Against = "[uri]: speed-up", Rounds = speedUps.Count, Median = Stats.Median(speedUps), Min = speedUps.Min(), Max = speedUps.Max(),
            };
            var cmdletCpu = Read("cmdletCpuMs");
            var uriCpu = Read("uriCpuMs");
            // The pwsh process's CPU time per pass: less disturbed by other load than wall time.
            pipe.Extra["cmdletCpuMs"] = Stats.Median(cmdletCpu);
            pipe.Extra["uriCpuMs"] = Stats.Median(uriCpu);
            pipe.CpuRatio = Stats.Ratio(pipe.Extra["cmdletCpuMs"], pipe.Extra["uriCpuMs"]);
            var cpuSpeedUps = uriCpu.Zip(cmdletCpu, Stats.Ratio).ToList();
            spread.EfficiencyMedian = Stats.Median(cpuSpeedUps);
            spread.EfficiencyMin = cpuSpeedUps.Min();
            spread.EfficiencyMax = cpuSpeedUps.Max();
            pipe.Spreads.Add(spread);
            pipe.Extra["speedup"] = spread.Median;
            pipe.Targets.Add(new Target { Text = $"cmdlet pipeline ≥ {PipelineTargetSpeedUp}× faster than the [uri] pipeline (median per-round speed-up)", Met = spread.Median >= PipelineTargetSpeedUp });
            BenchContext.Step($"  ConvertFrom-Url {pipe.EchoNet:0} ms vs [uri] {pipe.Baseline:0} ms per pass, speed-up {Table.Spread(spread)} (the second figure: pwsh CPU time), after {pipe.Extra["warmUpSeconds"]:0.#} s of warm-up");
            return pipe;
        }

        /// <summary>The longest warm-up: past it, the timed passes start even if the last ones were still getting faster.</summary>
        private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(30);

        /// <summary>The measure a warm-up watches: CPU time where it can be read, else wall time.</summary>
        private static double Cost((double WallNs, double CpuNs) pass) => double.IsNaN(pass.CpuNs) ? pass.WallNs : pass.CpuNs;

        /// <summary>The last three passes are no more than 3 % faster than the three before them.</summary>
        private static bool Settled(List<double> passes)
        {
            if (passes.Count < 6) return false;
            double before = Stats.Median(passes.Skip(passes.Count - 6).Take(3));
            double last = Stats.Median(passes.Skip(passes.Count - 3));
            return last >= 0.97 * before;
        }

        /// <summary>
        /// Both parsers on one corpus: interleaved passes for the warm-up time (and on until they
        /// stop getting faster), then interleaved timed passes; medians of wall and thread CPU time per URL. The target is judged on CPU
        /// time where it can be read (a shared machine inflates wall time, not a thread's run time).
        /// </summary>
        private static WorkloadResult MeasureCore(BenchContext bench, string name, List<string> corpus, bool breakdown)
        {
            var core = new WorkloadResult { Id = 8, Name = name, Metric = "ns/URL", EchoNetLabel = "UrlParser", BaselineLabel = "System.Uri" };
            Func<string, string> parse = UrlCore.Href;
            Func<string, string> uri = UrlCore.SystemUri;
            core.Note = "entry point " + UrlCore.EntryPoint;
            // Warm up for at least UrlWarmUp, and on until neither side's passes are getting faster:
            // pinned to one core, the runtime's background compiler shares that core, and
            // System.Uri's passes were still falling by half after 6 s.
            var warmUp = Stopwatch.StartNew();
            var warmOurs = new List<double>();
            var warmTheirs = new List<double>();
            do
            {
                warmOurs.Add(Cost(UrlCore.Pass(parse, corpus, out _)));
                warmTheirs.Add(Cost(UrlCore.Pass(uri, corpus, out _)));
            }
            while (warmUp.Elapsed < bench.Settings.UrlWarmUp
                || ((!Settled(warmOurs) || !Settled(warmTheirs)) && warmUp.Elapsed < MaxWarmUp));
            var ours = new List<(double WallNs, double CpuNs)>();
            var theirs = new List<(double WallNs, double CpuNs)>();
            for (int r = 0; r < bench.Settings.UrlRounds; r++)
            {
                if (r % 2 == 0) { ours.Add(UrlCore.Pass(parse, corpus, out _)); theirs.Add(UrlCore.Pass(uri, corpus, out _)); }
                else { theirs.Add(UrlCore.Pass(uri, corpus, out _)); ours.Add(UrlCore.Pass(parse, corpus, out _)); }
            }
            core.EchoNet = Stats.Median(ours.Select(p => p.WallNs));
            core.Baseline = Stats.Median(theirs.Select(p => p.WallNs));
            core.Ratio = Stats.Ratio(core.EchoNet, core.Baseline);
            double cpuOurs = Stats.Median(ours.Select(p => p.CpuNs)), cpuTheirs = Stats.Median(theirs.Select(p => p.CpuNs));
            core.CpuRatio = Stats.Ratio(cpuOurs, cpuTheirs);
            core.Extra["cpuNs"] = cpuOurs;
            core.Extra["systemUriCpuNs"] = cpuTheirs;
            core.Extra["speedup"] = Stats.Ratio(core.Baseline, core.EchoNet);
            core.Extra["cpuSpeedup"] = Stats.Ratio(cpuTheirs, cpuOurs);
            core.Extra["warmUpSeconds"] = warmUp.Elapsed.TotalSeconds;
            core.Extra["parsedByCore"] = corpus.Count(u => parse(u) != null);
            core.Extra["parsedBySystemUri"] = corpus.Count(u => uri(u) != null);
            core.Extra["alreadyNormalPercent"] = 100.0 * corpus.Count(u => parse(u) == u) / corpus.Count;
            if (breakdown)
            {
                foreach (var group in corpus.GroupBy(UrlCore.Kind))
                {
                    var urls = group.ToList();
                    core.Extra[$"coreNs[{group.Key}]"] = Stats.Median(Enumerable.Range(0, 3).Select(i => UrlCore.Pass(parse, urls, out _).WallNs));
                    core.Extra[$"systemUriNs[{group.Key}]"] = Stats.Median(Enumerable.Range(0, 3).Select(i => UrlCore.Pass(uri, urls, out _).WallNs));
                    core.Extra[$"share[{group.Key}]"] = 100.0 * urls.Count / corpus.Count;
                    BenchContext.Step($"    {group.Key,-13} {100.0 * urls.Count / corpus.Count,5:0.0}% of corpus: core {core.Extra[$"coreNs[{group.Key}]"],6:0} ns, System.Uri {core.Extra[$"systemUriNs[{group.Key}]"],6:0} ns");
                }
            }
            double judged = double.IsNaN(core.Extra["cpuSpeedup"]) ? core.Extra["speedup"] : core.Extra["cpuSpeedup"];
            core.Targets.Add(new Target
            {
                Text = $"core ≥ {TargetSpeedUp}× faster than System.Uri + AbsoluteUri ({(double.IsNaN(core.Extra["cpuSpeedup"]) ? "wall" : "thread CPU")} time, after ≥ {bench.Settings.UrlWarmUp.TotalSeconds:0} s warm-up)",
                Met = judged >= TargetSpeedUp,
            });
            BenchContext.Step($"  {name} (warm-up {warmUp.Elapsed.TotalSeconds:0} s): core {core.EchoNet:0} ns/URL vs System.Uri {core.Baseline:0} ns/URL, speed-up {core.Extra["speedup"]:0.00}× wall, {core.Extra["cpuSpeedup"]:0.00}× thread CPU ({cpuOurs:0} vs {cpuTheirs:0} ns); {core.Extra["alreadyNormalPercent"]:0.0}% already normal");
            return core;
        }
    }
}

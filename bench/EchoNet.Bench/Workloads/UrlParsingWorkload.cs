using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 8, no servers: <c>UrlParser.Parse</c> against <c>Uri.TryCreate</c> + <c>AbsoluteUri</c>
    /// on a generated corpus (interleaved passes, with a per-kind breakdown), then
    /// <c>Get-Content | ConvertFrom-Url</c> against <c>Get-Content | % { [uri]$_ }</c> in one pwsh
    /// (bench/UrlPipeline.ps1). Two rows.
    /// </summary>
    internal sealed class UrlParsingWorkload : Workload
    {
        public override int Id => 8;
        public override int RunOrder => 90;
        public override Servers Needs => Servers.None;

        public override Task RunAsync(BenchContext bench)
        {
            BenchContext.Step("workload 8: URL parsing, parser core vs System.Uri; ConvertFrom-Url vs [uri] pipeline");
            var corpus = UrlCorpus.Generate(bench.Settings.UrlCorpus);
            string corpusPath = Path.Combine(bench.OutputFolder, "urls.txt");
            Directory.CreateDirectory(bench.OutputFolder);
            File.WriteAllLines(corpusPath, corpus);

            var core = new WorkloadResult { Id = Id, Name = $"URL parse, {corpus.Count:N0} URLs: core vs System.Uri", Metric = "ns/URL", EchoNetLabel = "UrlParser", BaselineLabel = "System.Uri" };
            Func<string, string> parse = UrlCore.Href;
            Func<string, string> uri = UrlCore.SystemUri;
            BenchContext.Step("  parser entry point: " + UrlCore.EntryPoint);
            core.Note = "entry point " + UrlCore.EntryPoint;
            for (int w = 0; w < 3; w++) { UrlCore.Pass(parse, corpus, out _); UrlCore.Pass(uri, corpus, out _); }
            var ours = new List<double>();
            var theirs = new List<double>();
            for (int r = 0; r < bench.Settings.UrlRounds; r++)
            {
                if (r % 2 == 0) { ours.Add(UrlCore.Pass(parse, corpus, out _)); theirs.Add(UrlCore.Pass(uri, corpus, out _)); }
                else { theirs.Add(UrlCore.Pass(uri, corpus, out _)); ours.Add(UrlCore.Pass(parse, corpus, out _)); }
            }
            core.EchoNet = Stats.Median(ours);
            core.Baseline = Stats.Median(theirs);
            core.Ratio = Stats.Ratio(core.EchoNet, core.Baseline);
            core.Extra["speedup"] = Stats.Ratio(core.Baseline, core.EchoNet);
            core.Extra["parsedByCore"] = corpus.Count(u => parse(u) != null);
            core.Extra["parsedBySystemUri"] = corpus.Count(u => uri(u) != null);
            foreach (var group in corpus.GroupBy(UrlCore.Kind))
            {
                var urls = group.ToList();
                core.Extra[$"coreNs[{group.Key}]"] = Stats.Median(Enumerable.Range(0, 3).Select(i => UrlCore.Pass(parse, urls, out _)));
                core.Extra[$"systemUriNs[{group.Key}]"] = Stats.Median(Enumerable.Range(0, 3).Select(i => UrlCore.Pass(uri, urls, out _)));
                core.Extra[$"share[{group.Key}]"] = 100.0 * urls.Count / corpus.Count;
                BenchContext.Step($"    {group.Key,-13} {100.0 * urls.Count / corpus.Count,5:0.0}% of corpus: core {core.Extra[$"coreNs[{group.Key}]"],6:0} ns, System.Uri {core.Extra[$"systemUriNs[{group.Key}]"],6:0} ns");
            }
            core.Targets.Add(new Target { Text = "core ≥ 3× faster than System.Uri + AbsoluteUri", Met = core.Baseline / core.EchoNet >= 3 });
            BenchContext.Step($"  core {core.EchoNet:0} ns/URL vs System.Uri {core.Baseline:0} ns/URL (speed-up {core.Baseline / core.EchoNet:0.00}×)");
            bench.Results.Add(core);

            var pipe = new WorkloadResult { Id = Id, Name = "Get-Content | ConvertFrom-Url vs | % { [uri]$_ }", Metric = "ms/pass", EchoNetLabel = "ConvertFrom-Url", BaselineLabel = "[uri]" };
            var json = bench.RunPwsh("UrlPipeline.ps1", bench.ServerCore, "-CorpusPath", corpusPath, "-Rounds", bench.Settings.PipelineRounds.ToString());
            if (json == null) pipe.Skipped = "the pipeline script failed";
            else
            {
                pipe.EchoNet = Stats.Median(json.RootElement.GetProperty("cmdletMs").EnumerateArray().Select(x => x.GetDouble()));
                pipe.Baseline = Stats.Median(json.RootElement.GetProperty("uriMs").EnumerateArray().Select(x => x.GetDouble()));
                pipe.Ratio = Stats.Ratio(pipe.EchoNet, pipe.Baseline);
                pipe.Extra["cmdletObjects"] = json.RootElement.GetProperty("cmdletObjects").GetDouble();
                pipe.Extra["uriObjects"] = json.RootElement.GetProperty("uriObjects").GetDouble();
                if (json.RootElement.TryGetProperty("cmdletCpuMs", out var cmdletCpu) && json.RootElement.TryGetProperty("uriCpuMs", out var uriCpu))
                {
                    // The pwsh process's CPU time per pass: less disturbed by other load than wall time.
                    pipe.Extra["cmdletCpuMs"] = Stats.Median(cmdletCpu.EnumerateArray().Select(x => x.GetDouble()));
                    pipe.Extra["uriCpuMs"] = Stats.Median(uriCpu.EnumerateArray().Select(x => x.GetDouble()));
                    pipe.CpuRatio = Stats.Ratio(pipe.Extra["cmdletCpuMs"], pipe.Extra["uriCpuMs"]);
                }
                pipe.Targets.Add(new Target { Text = "cmdlet pipeline ≤ [uri] pipeline time", Met = pipe.EchoNet <= pipe.Baseline });
            }
            if (pipe.Skipped != null) BenchContext.Step("  pipeline skipped: " + pipe.Skipped);
            else BenchContext.Step($"  ConvertFrom-Url {pipe.EchoNet:0} ms vs [uri] {pipe.Baseline:0} ms per pass"
                + (pipe.Extra.TryGetValue("cmdletCpuMs", out var cpuE) ? $" (pwsh CPU {cpuE:0} vs {pipe.Extra["uriCpuMs"]:0} ms, ratio {pipe.CpuRatio:0.00})" : ""));
            bench.Results.Add(pipe);
            return Task.CompletedTask;
        }
    }
}

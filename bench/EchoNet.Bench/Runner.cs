using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>A load against one server that can be measured in rounds.</summary>
    internal interface ILoad
    {
        Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency);
    }

    internal sealed class PingPongLoad : ILoad
    {
        public readonly TcpPingPong Clients;
        public PingPongLoad(TcpPingPong clients) => Clients = clients;
        public Task<Round> RunAsync(TimeSpan d, ServerProcess s, LatencyLog l) => Clients.RunAsync(d, s, l);
    }

    internal sealed class CycleLoad : ILoad
    {
        public readonly TcpConnectCycle Clients;
        public CycleLoad(TcpConnectCycle clients) => Clients = clients;
        public Task<Round> RunAsync(TimeSpan d, ServerProcess s, LatencyLog l) => Clients.RunAsync(d, s, l);
    }

    internal sealed class UdpLoad : ILoad
    {
        public readonly UdpWindow Clients;
        public UdpLoad(UdpWindow clients) => Clients = clients;
        public Task<Round> RunAsync(TimeSpan d, ServerProcess s, LatencyLog l) => Clients.RunAsync(d, s, l);
    }

    internal sealed class Settings
    {
        public TimeSpan WarmUp;
        public TimeSpan Round;
        public int Rounds;
        public int IdleConnections;
        public int UrlCorpus;
        public int UrlRounds;
        public int PipelineRounds;
        public int SendRounds;
        public int SoakConnections = 1000;
        public TimeSpan SoakDuration = TimeSpan.FromSeconds(60);
        public int SoakMessageBytes = 512;

        public static Settings For(bool quick) => quick
            ? new Settings { WarmUp = TimeSpan.FromSeconds(0.5), Round = TimeSpan.FromSeconds(1), Rounds = 2, IdleConnections = 10_000, UrlCorpus = 50_000, UrlRounds = 3, PipelineRounds = 3, SendRounds = 2 }
            : new Settings { WarmUp = TimeSpan.FromSeconds(2), Round = TimeSpan.FromSeconds(3), Rounds = 5, IdleConnections = 10_000, UrlCorpus = 60_000, UrlRounds = 9, PipelineRounds = 3, SendRounds = 5 };
    }

    internal sealed class Runner
    {
        private readonly Options _o;
        private readonly Settings _s;
        private readonly LatencyLog _latency = new LatencyLog(8_000_000);
        private readonly List<WorkloadResult> _results = new List<WorkloadResult>();
        private readonly string _dotnet;
        private readonly int? _serverCore;
        private readonly int? _clientCore;
        private ServerProcess _echoNet;
        private ServerProcess _baseline;

        public Runner(Options options)
        {
            _o = options;
            _s = Settings.For(options.Quick);
            _dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath : "dotnet";
            bool pinned = Environment.GetEnvironmentVariable("ECHONET_BENCH_PINNED") != null;
            _serverCore = pinned ? 1 : null;
            _clientCore = pinned ? 0 : null;
        }

        /// <summary>"full", "quick", or the workloads chosen with --only.</summary>
        private string RunKind => _o.OnlyText != null ? "workload " + _o.OnlyText + (_o.Quick ? ", quick" : "") : _o.Quick ? "quick" : "full";

        private string Manifest => Path.Combine(_o.Root, "EchoNet.psd1");

        private IEnumerable<string> Pwsh(string script, params string[] args)
        {
            return new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(_o.Root, "bench", script), "-ModuleManifest", Manifest }.Concat(args);
        }

        public async Task<int> RunAsync()
        {
            var total = Stopwatch.StartNew();
            Console.WriteLine($"EchoNet benchmark ({RunKind}): {Machine.Describe()}; generator on core {(_clientCore?.ToString() ?? "any")}, servers on core {(_serverCore?.ToString() ?? "any")}");
            if (!File.Exists(_o.Baseline)) { Console.Error.WriteLine($"Baseline server not built: {_o.Baseline}"); return 2; }
            try
            {
                if (_o.Only.Overlaps(new[] { 1, 2, 3, 4, 5, 6, 7, 9 }))
                {
                    Step("starting servers: EchoNet (pwsh, Start-EchoServer) and the plain .NET baseline");
                    _echoNet = Children.Track(ServerProcess.Start("EchoNet", _dotnet, Pwsh("EchoNetServer.ps1"), _o.Root, _serverCore, TimeSpan.FromSeconds(90)));
                    _baseline = Children.Track(ServerProcess.Start("baseline", _dotnet, new[] { _o.Baseline }, _o.Root, _serverCore, TimeSpan.FromSeconds(60)));
                    Step($"EchoNet pid {_echoNet.Pid} port {_echoNet.TcpPort}; baseline pid {_baseline.Pid} port {_baseline.TcpPort}");
                }
                else if (_o.Only.Contains(Options.Soak))
                {
                    Step("starting the EchoNet server (pwsh, Start-EchoServer)");
                    _echoNet = Children.Track(ServerProcess.Start("EchoNet", _dotnet, Pwsh("EchoNetServer.ps1"), _o.Root, _serverCore, TimeSpan.FromSeconds(90)));
                    Step($"EchoNet pid {_echoNet.Pid} port {_echoNet.TcpPort}");
                }
                if (_o.Only.Contains(1)) await PingPong(1, "TCP 1 conn, 64 B ping-pong", 1, 64, "p50 µs", s => s.P50Us, lowerIsBetter: true);
                if (_o.Only.Contains(2)) await PingPong(2, "TCP 50 conns, 64 B ping-pong", 50, 64, "msgs/s", s => s.MessagesPerSecond);
                if (_o.Only.Contains(3)) await PingPong(3, "TCP 50 conns, 16 KiB messages", 50, 16 * 1024, "MB/s", s => s.MegabytesPerSecond);
                if (_o.Only.Contains(4)) await PingPong(4, "TCP 1000 conns, 64 B", 1000, 64, "msgs/s", s => s.MessagesPerSecond);
                if (_o.Only.Contains(5)) await Udp();
                if (_o.Only.Contains(7)) await IdleMemory();
                if (_o.Only.Contains(6)) await ConnectCycle();
                if (_o.Only.Contains(Options.Soak)) await Soak();
                if (_o.Only.Contains(8)) await Url();
                if (_o.Only.Contains(9)) SendTcpMessage();
            }
            finally
            {
                if (_echoNet != null) Children.Release(_echoNet);
                if (_baseline != null) Children.Release(_baseline);
            }
            var elapsed = total.Elapsed;
            var report = new Report
            {
                Machine = Machine.Info(_clientCore, _serverCore),
                Quick = _o.Quick,
                Kind = RunKind,
                Command = "dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Bench" + (_o.Quick ? " -Quick" : "")
                    + (_o.OnlyText != null ? " -Workload " + _o.OnlyText : ""),
                Settings = new Dictionary<string, object>
                {
                    ["warmUpSeconds"] = _s.WarmUp.TotalSeconds, ["roundSeconds"] = _s.Round.TotalSeconds, ["rounds"] = _s.Rounds,
                    ["idleConnections"] = _s.IdleConnections, ["urlCorpus"] = _s.UrlCorpus,
                    ["soakConnections"] = _s.SoakConnections, ["soakSeconds"] = _s.SoakDuration.TotalSeconds,
                    ["soakMessageBytes"] = _s.SoakMessageBytes,
                },
                Seconds = Math.Round(elapsed.TotalSeconds, 1),
                Workloads = _results,
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

        private static void Step(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

        /// <summary>Warm-up on each server, then interleaved rounds (the order alternates), medians.</summary>
        private async Task<(Summary E, Summary B)> Compare(ILoad e, ILoad b)
        {
            long warmErrorsE = (await e.RunAsync(_s.WarmUp, _echoNet, _latency)).Errors;
            long warmErrorsB = (await b.RunAsync(_s.WarmUp, _baseline, _latency)).Errors;
            var re = new List<Round>();
            var rb = new List<Round>();
            for (int r = 0; r < _s.Rounds; r++)
            {
                if (r % 2 == 0)
                {
                    re.Add(await e.RunAsync(_s.Round, _echoNet, _latency));
                    rb.Add(await b.RunAsync(_s.Round, _baseline, _latency));
                }
                else
                {
                    rb.Add(await b.RunAsync(_s.Round, _baseline, _latency));
                    re.Add(await e.RunAsync(_s.Round, _echoNet, _latency));
                }
            }
            var se = Summary.Of(re);
            var sb = Summary.Of(rb);
            se.Errors += warmErrorsE;
            sb.Errors += warmErrorsB;
            return (se, sb);
        }

        private WorkloadResult Row(int id, string name, string metric, Summary e, Summary b, Func<Summary, double> headline)
        {
            var row = new WorkloadResult
            {
                Id = id, Name = name, Metric = metric, EchoNetDetail = e, BaselineDetail = b,
                EchoNet = headline(e), Baseline = headline(b),
            };
            row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
            row.CpuRatio = Stats.Ratio(e.ServerCpuUsPerMessage, b.ServerCpuUsPerMessage);
            _results.Add(row);
            return row;
        }

        private void ThroughputTargets(WorkloadResult row, string what)
        {
            row.Targets.Add(new Target { Text = $"{what} ≥ baseline (ratio ≥ 1.00)", Met = row.Ratio >= 1.0 });
            row.Targets.Add(new Target { Text = "server CPU/msg ≤ 0.8× baseline", Met = row.CpuRatio <= 0.8 });
            row.Targets.Add(new Target { Text = "zero errors", Met = row.EchoNetDetail.Errors == 0 });
        }

        private async Task PingPong(int id, string name, int connections, int size, string metric, Func<Summary, double> headline, bool lowerIsBetter = false)
        {
            Step($"workload {id}: {name}");
            using var e = new TcpPingPong(_echoNet.TcpPort, size);
            using var b = new TcpPingPong(_baseline.TcpPort, size);
            long failE = await e.ConnectAllAsync(connections);
            long failB = await b.ConnectAllAsync(connections);
            var (se, sb) = await Compare(new PingPongLoad(e), new PingPongLoad(b));
            se.Errors += failE;
            sb.Errors += failB;
            var row = Row(id, name, metric, se, sb, headline);
            if (e.FirstError() is string ee) row.Note = "EchoNet: " + ee;
            if (b.FirstError() is string be) row.Note = (row.Note == null ? "" : row.Note + "; ") + "baseline: " + be;
            if (id == 1)
            {
                row.Targets.Add(new Target { Text = "p50 ≤ 0.5× baseline", Met = row.Ratio <= 0.5 });
                row.Targets.Add(new Target { Text = "zero errors", Met = se.Errors == 0 });
            }
            else ThroughputTargets(row, metric);
            Step($"  EchoNet {row.EchoNet:0.#} vs baseline {row.Baseline:0.#} {metric}, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs, errors {se.Errors}/{sb.Errors}");
        }

        private async Task Udp()
        {
            const string name = "UDP 64 B, 32 in flight";
            Step($"workload 5: {name}");
            using var e = new UdpWindow(_echoNet.UdpPort, 32);
            using var b = new UdpWindow(_baseline.UdpPort, 32);
            var (se, sb) = await Compare(new UdpLoad(e), new UdpLoad(b));
            var row = Row(5, name, "replies/s", se, sb, s => s.MessagesPerSecond);
            row.Extra["echoNetLossPercent"] = se.LossPercent;
            row.Extra["baselineLossPercent"] = sb.LossPercent;
            if (e.LastError != null) row.Note = "EchoNet: " + e.LastError;
            if (b.LastError != null) row.Note = (row.Note == null ? "" : row.Note + "; ") + "baseline: " + b.LastError;
            ThroughputTargets(row, "replies/s");
            Step($"  EchoNet {row.EchoNet:0} vs baseline {row.Baseline:0} replies/s, loss {se.LossPercent:0.###}% / {sb.LossPercent:0.###}%, CPU/msg {se.ServerCpuUsPerMessage:0.00} vs {sb.ServerCpuUsPerMessage:0.00} µs");
        }

        private async Task ConnectCycle()
        {
            const string name = "TCP connect, echo 64 B, close";
            Step($"workload 6: {name}");
            var e = new TcpConnectCycle(_echoNet.TcpPort, 8);
            var b = new TcpConnectCycle(_baseline.TcpPort, 8);
            var (se, sb) = await Compare(new CycleLoad(e), new CycleLoad(b));
            var row = Row(6, name, "conns/s", se, sb, s => s.MessagesPerSecond);
            if (e.LastError != null) row.Note = "EchoNet: " + e.LastError;
            if (b.LastError != null) row.Note = (row.Note == null ? "" : row.Note + "; ") + "baseline: " + b.LastError;
            ThroughputTargets(row, "conns/s");
            Step($"  EchoNet {row.EchoNet:0} vs baseline {row.Baseline:0} conns/s, CPU/conn {se.ServerCpuUsPerMessage:0.0} vs {sb.ServerCpuUsPerMessage:0.0} µs, errors {se.Errors}/{sb.Errors}");
        }

        /// <summary>
        /// Workload 10, the soak of issue 6: 1,000 connections ping-pong against EchoNet alone for
        /// 60 s, every byte verified; zero errors expected. Reports messages, bytes, errors, latency,
        /// the server's CPU and memory at the start and at the end (first and last 5-second slices).
        /// </summary>
        private async Task Soak()
        {
            int n = _s.SoakConnections;
            int size = _s.SoakMessageBytes;
            var name = $"Soak: {n:N0} conns × {_s.SoakDuration.TotalSeconds:0} s, {size} B (EchoNet only)";
            Step($"workload 10: {name}");
            using var clients = new TcpPingPong(_echoNet.TcpPort, size);
            long errors = await clients.ConnectAllAsync(n);
            errors += (await clients.RunAsync(TimeSpan.FromSeconds(2), _echoNet, _latency)).Errors; // warm-up
            // Memory() blocks on the server's reply: never on the generator's socket thread, where an
            // inline socket completion may have resumed us (the reply arrives through that thread too).
            var memStart = await Task.Run(_echoNet.Memory);
            var slices = new List<SoakSlice>();
            var round = await clients.RunAsync(_s.SoakDuration, _echoNet, _latency, TimeSpan.FromSeconds(5), slices);
            errors += round.Errors;
            int open = clients.Open;
            var memEnd = await Task.Run(_echoNet.Memory);
            var detail = Summary.Of(new List<Round> { round });
            detail.Errors = errors;
            var row = new WorkloadResult { Id = Options.Soak, Name = name, Metric = "msgs/s", EchoNet = round.MessagesPerSecond, EchoNetDetail = detail };
            var first = slices.Count > 0 ? slices[0] : null;
            var last = slices.Count > 0 ? slices[slices.Count - 1] : null;
            row.Extra["messages"] = round.Messages;
            row.Extra["bytesEchoed"] = round.Messages * (double)size;
            row.Extra["connectionsOpenAtEnd"] = open;
            row.Extra["serverCpuPercent"] = round.ServerCpuPercent;
            row.Extra["serverCpuPercentFirst5s"] = first?.ServerCpuPercent ?? double.NaN;
            row.Extra["serverCpuPercentLast5s"] = last?.ServerCpuPercent ?? double.NaN;
            row.Extra["messagesPerSecondFirst5s"] = first?.MessagesPerSecond ?? double.NaN;
            row.Extra["messagesPerSecondLast5s"] = last?.MessagesPerSecond ?? double.NaN;
            row.Extra["workingSetBytesStart"] = memStart.WorkingSet;
            row.Extra["workingSetBytesEnd"] = memEnd.WorkingSet;
            row.Extra["managedHeapBytesStart"] = memStart.Heap;
            row.Extra["managedHeapBytesEnd"] = memEnd.Heap;
            row.Note = $"{round.Messages:N0} messages, {round.Messages * (double)size / 1e6:N0} MB echoed and verified, {errors} errors, {open:N0} of {n:N0} connections open at the end; "
                + $"latency p50/p99/max {round.P50Us:N0} / {round.P99Us:N0} / {round.MaxUs:N0} µs; "
                + $"server CPU {round.ServerCpuPercent:0}% of a core ({round.ServerCpuUsPerMessage:0.00} µs/msg), first 5 s {first?.ServerCpuPercent:0}% at {first?.MessagesPerSecond:N0} msgs/s, last 5 s {last?.ServerCpuPercent:0}% at {last?.MessagesPerSecond:N0} msgs/s; "
                + $"server memory start → end: working set {memStart.WorkingSet / 1048576.0:0.0} → {memEnd.WorkingSet / 1048576.0:0.0} MiB, managed heap {memStart.Heap / 1048576.0:0.0} → {memEnd.Heap / 1048576.0:0.0} MiB (after a full GC)";
            if (clients.FirstError() is string fe) row.Note += "; first error: " + fe;
            row.Targets.Add(new Target { Text = "zero errors", Met = errors == 0 });
            row.Targets.Add(new Target { Text = $"all {n:N0} connections open at the end", Met = open == n });
            _results.Add(row);
            Step("  " + row.Note);
        }

        /// <summary>Heap and working set per idle connection: each connection echoes once, then idles.</summary>
        private async Task IdleMemory()
        {
            int n = _s.IdleConnections;
            const string name = "10,000 idle connections: memory";
            Step($"workload 7: {n} idle connections");
            var (e, eWs, eErr) = await IdleOn(_echoNet, n);
            var (b, bWs, bErr) = await IdleOn(_baseline, n);
            var row = new WorkloadResult
            {
                Id = 7, Name = n == 10_000 ? name : $"{n:N0} idle connections: memory", Metric = "heap B/conn",
                EchoNet = e, Baseline = b, Ratio = Stats.Ratio(e, b),
            };
            row.Extra["echoNetWorkingSetBytesPerConnection"] = eWs;
            row.Extra["baselineWorkingSetBytesPerConnection"] = bWs;
            row.Extra["echoNetErrors"] = eErr;
            row.Extra["baselineErrors"] = bErr;
            row.Targets.Add(new Target { Text = "≤ 4096 B managed heap per idle connection", Met = e <= 4096 });
            row.Targets.Add(new Target { Text = "zero errors", Met = eErr == 0 });
            _results.Add(row);
            Step($"  heap/conn EchoNet {e:0} B vs baseline {b:0} B; working set/conn {eWs:0} vs {bWs:0} B; errors {eErr}/{bErr}");
        }

        private async Task<(double Heap, double WorkingSet, long Errors)> IdleOn(ServerProcess server, int n)
        {
            var before = server.Memory();
            using var clients = new TcpPingPong(server.TcpPort, 64);
            long errors = await clients.ConnectAllAsync(n);
            // One verified echo per connection, so each has had a buffer in flight once.
            var round = await clients.RunOnceAsync(_latency);
            errors += round;
            await Task.Delay(500);
            var after = server.Memory();
            int open = clients.Open;
            if (open == 0) return (double.NaN, double.NaN, errors);
            return ((after.Heap - before.Heap) / (double)open, (after.WorkingSet - before.WorkingSet) / (double)open, errors);
        }

        private async Task Url()
        {
            Step("workload 8: URL parsing, parser core vs System.Uri; ConvertFrom-Url vs [uri] pipeline");
            var corpus = UrlCorpus.Generate(_s.UrlCorpus);
            string corpusPath = Path.Combine(Path.GetDirectoryName(_o.Output), "urls.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(corpusPath));
            File.WriteAllLines(corpusPath, corpus);

            var core = new WorkloadResult { Id = 8, Name = $"URL parse, {corpus.Count:N0} URLs: core vs System.Uri", Metric = "ns/URL", EchoNetLabel = "UrlParser", BaselineLabel = "System.Uri" };
            var parse = UrlCore.Find(Path.Combine(_o.Root, "bin", "EchoNet.Core.dll"), out string entry);
            Func<string, string> uri = UrlCore.SystemUri;
            if (parse == null)
            {
                core.Skipped = entry;
                Step("  skipped: " + entry);
            }
            else
            {
                Step("  parser entry point: " + entry);
                core.Note = "entry point " + entry;
                for (int w = 0; w < 3; w++) { UrlCore.Pass(parse, corpus, out _); UrlCore.Pass(uri, corpus, out _); }
                var ours = new List<double>();
                var theirs = new List<double>();
                for (int r = 0; r < _s.UrlRounds; r++)
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
                    Step($"    {group.Key,-13} {100.0 * urls.Count / corpus.Count,5:0.0}% of corpus: core {core.Extra[$"coreNs[{group.Key}]"],6:0} ns, System.Uri {core.Extra[$"systemUriNs[{group.Key}]"],6:0} ns");
                }
                core.Targets.Add(new Target { Text = "core ≥ 3× faster than System.Uri + AbsoluteUri", Met = core.Baseline / core.EchoNet >= 3 });
                Step($"  core {core.EchoNet:0} ns/URL vs System.Uri {core.Baseline:0} ns/URL (speed-up {core.Baseline / core.EchoNet:0.00}×)");
            }
            _results.Add(core);

            var pipe = new WorkloadResult { Id = 8, Name = "Get-Content | ConvertFrom-Url vs | % { [uri]$_ }", Metric = "ms/pass", EchoNetLabel = "ConvertFrom-Url", BaselineLabel = "[uri]" };
            var json = RunPwsh("UrlPipeline.ps1", _serverCore, "-CorpusPath", corpusPath, "-Rounds", _s.PipelineRounds.ToString());
            if (json == null) pipe.Skipped = "the pipeline script failed";
            else if (json.RootElement.TryGetProperty("skipped", out var why)) pipe.Skipped = why.GetString();
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
            if (pipe.Skipped != null) Step("  pipeline skipped: " + pipe.Skipped);
            else Step($"  ConvertFrom-Url {pipe.EchoNet:0} ms vs [uri] {pipe.Baseline:0} ms per pass"
                + (pipe.Extra.TryGetValue("cmdletCpuMs", out var cpuE) ? $" (pwsh CPU {cpuE:0} vs {pipe.Extra["uriCpuMs"]:0} ms, ratio {pipe.CpuRatio:0.00})" : ""));
            _results.Add(pipe);
        }

        private void SendTcpMessage()
        {
            const string name = "Send-TcpMessage, 1000 msgs, 1 conn";
            Step("workload 9: " + name);
            var row = new WorkloadResult { Id = 9, Name = name, Metric = "msgs/s", EchoNetLabel = "→ EchoNet srv", BaselineLabel = "→ baseline srv" };
            var json = RunPwsh("SendTcpMessage.ps1", _clientCore, "-Port", $"{_echoNet.TcpPort},{_baseline.TcpPort}", "-Count", "1000", "-Rounds", _s.SendRounds.ToString());
            if (json == null) row.Skipped = "the Send-TcpMessage script failed";
            else
            {
                var rates = json.RootElement.GetProperty("rates");
                var errors = json.RootElement.GetProperty("errors");
                row.EchoNet = Stats.Median(rates.GetProperty(_echoNet.TcpPort.ToString()).EnumerateArray().Select(x => x.GetDouble()));
                row.Baseline = Stats.Median(rates.GetProperty(_baseline.TcpPort.ToString()).EnumerateArray().Select(x => x.GetDouble()));
                row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
                long eErr = errors.GetProperty(_echoNet.TcpPort.ToString()).GetInt64();
                long bErr = errors.GetProperty(_baseline.TcpPort.ToString()).GetInt64();
                row.Extra["echoNetServerErrors"] = eErr;
                row.Extra["baselineServerErrors"] = bErr;
                row.Targets.Add(new Target { Text = "≥ 5,000 msgs/s", Met = row.EchoNet >= 5000 });
                row.Targets.Add(new Target { Text = "zero errors", Met = eErr + bErr == 0 });
                Step($"  {row.EchoNet:0} msgs/s to the EchoNet server, {row.Baseline:0} msgs/s to the baseline; errors {eErr}/{bErr}");
            }
            _results.Add(row);
        }

        /// <summary>Runs a bench/*.ps1 script in a fresh pwsh and parses its RESULT line.</summary>
        private JsonDocument RunPwsh(string script, int? core, params string[] args)
        {
            var psi = Launch.StartInfo(_dotnet, Pwsh(script, args), _o.Root, core);
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

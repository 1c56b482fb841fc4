using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace EchoNet.Bench
{
    public sealed class Report
    {
        public Dictionary<string, object> Machine { get; set; }
        public bool Quick { get; set; }
        /// <summary>"full", "quick", or the workloads chosen.</summary>
        public string Kind { get; set; }
        public string Command { get; set; }
        public Dictionary<string, object> Settings { get; set; }
        public double Seconds { get; set; }
        public List<WorkloadResult> Workloads { get; set; }
        /// <summary>Why the C floor was not measured, or null.</summary>
        public string FloorSkipped { get; set; }
    }

    internal static class Machine
    {
        public static string Cpu()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line != null) return line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        public static int Cores()
        {
            try
            {
                return File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal));
            }
            catch (Exception) { return Environment.ProcessorCount; }
        }

        public static string Describe() => $"{Cores()} cores {Cpu()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

        public static Dictionary<string, object> Info(int? clientCore, int? serverCore) => new Dictionary<string, object>
        {
            ["os"] = RuntimeInformation.OSDescription,
            ["cpu"] = Cpu(),
            ["cores"] = Cores(),
            ["dotnet"] = Environment.Version.ToString(),
            ["generatorCore"] = clientCore?.ToString() ?? "any",
            ["serverCore"] = serverCore?.ToString() ?? "any",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The one table `build.ps1 Bench` prints (Markdown, so it can go into the README as is).</summary>
    internal static class Table
    {
        public static void Print(Report report)
        {
            Console.WriteLine();
            Console.WriteLine(Render(report));
        }

        public static string Render(Report report)
        {
            var sb = new StringBuilder();
            var m = report.Machine;
            sb.AppendLine($"Machine: {m["cores"]} cores {m["cpu"]}, {m["os"]}, .NET {m["dotnet"]}; generator on core {m["generatorCore"]}, servers on core {m["serverCore"]}; {m["date"]}; {report.Kind} run, {report.Seconds:0} s.");
            sb.AppendLine("Ratios are EchoNet ÷ baseline from the same run; medians over interleaved rounds. CPU = server process run time per message (Linux: the scheduler's per-thread run time, /proc/<pid>/task/*/schedstat).");
            sb.AppendLine();
            sb.AppendLine("Per-round ratios: EchoNet ÷ each other server, round by round (the rounds interleaved, the order rotating), median (min-max), for the headline and for efficiency (messages per second of server CPU); the C floor is a single-threaded C epoll echo server (bench/README.md).");
            if (report.FloorSkipped != null) sb.AppendLine($"C floor skipped: {report.FloorSkipped}.");
            sb.AppendLine();
            sb.AppendLine("| # | Workload | Metric | EchoNet | Baseline | Ratio | Per-round ratios | Server CPU µs/msg E / B (ratio) | p50 / p99 / max µs E | p50 / p99 / max µs B | Errors E / B | Targets |");
            sb.AppendLine("|---|---|---|---:|---:|---:|---|---|---|---|---|---|");
            foreach (var w in report.Workloads)
            {
                if (w.Skipped != null)
                {
                    sb.AppendLine($"| {w.Id} | {w.Name} | {w.Metric} | – | – | – | – | – | – | – | – | skipped: {w.Skipped.Replace("|", "\\|")} |");
                    continue;
                }
                string labels = w.EchoNetLabel == "EchoNet" && w.BaselineLabel == "baseline" ? "" : $" ({w.EchoNetLabel} / {w.BaselineLabel})";
                string cpu = w.EchoNetDetail == null ? "–" : $"{N(w.EchoNetDetail.ServerCpuUsPerMessage, 2)} / {N(w.BaselineDetail?.ServerCpuUsPerMessage ?? double.NaN, 2)} ({N(w.CpuRatio, 2)})";
                string le = w.EchoNetDetail == null ? "–" : Lat(w.EchoNetDetail);
                string lb = w.BaselineDetail == null ? "–" : Lat(w.BaselineDetail);
                string errors = w.EchoNetDetail != null ? $"{w.EchoNetDetail.Errors} / {(w.BaselineDetail == null ? "–" : w.BaselineDetail.Errors.ToString())}"
                    : w.Extra.TryGetValue("echoNetErrors", out var ee) ? $"{ee} / {w.Extra["baselineErrors"]}"
                    : w.Extra.TryGetValue("echoNetServerErrors", out var se) ? $"{se} / {w.Extra["baselineServerErrors"]}" : "–";
                if (w.Extra.TryGetValue("echoNetLossPercent", out var lossE))
                    errors += $"; loss {lossE:0.###}% / {w.Extra["baselineLossPercent"]:0.###}%";
                string spreads = w.Spreads.Count == 0 ? "–" : string.Join("<br>", w.Spreads.Select(x => x.Rounds == 0 ? $"÷ {x.Against}" : $"÷ {x.Against} {Spread(x)}"));
                string targets = string.Join("; ", w.Targets.Select(t => (t.Met == true ? "met: " : t.Met == false ? "MISSED: " : "n/a: ") + t.Text));
                string name = (w.Name + labels).Replace("|", "\\|");
                if (w.Id == 7)
                    name += $" (working set/conn {N(w.Extra["echoNetWorkingSetBytesPerConnection"], 0)} / {N(w.Extra["baselineWorkingSetBytesPerConnection"], 0)} B)";
                if (w.Extra.TryGetValue("speedup", out var speedup)) name += $", speed-up {speedup:0.00}×";
                sb.AppendLine($"| {w.Id} | {name} | {w.Metric} | {N(w.EchoNet, Digits(w.EchoNet))} | {N(w.Baseline, Digits(w.Baseline))} | {N(w.Ratio, 2)} | {spreads} | {cpu} | {le} | {lb} | {errors} | {targets} |");
            }
            foreach (var w in report.Workloads.Where(w => w.Id == SoakWorkload.Number && w.Note != null))
                sb.AppendLine().AppendLine($"Soak (workload {w.Id}): {w.Note}.");
            return sb.ToString();
        }

        /// <summary>"1.21 (0.95-1.40)": the median per-round ratio and its range.</summary>
        public static string Spread(RatioSpread s) => s.Rounds == 0 ? "–"
            : $"{N(s.Median, 2)} ({N(s.Min, 2)}-{N(s.Max, 2)}), {(s.Against.StartsWith("[uri]") ? "CPU" : "msgs/CPU-s")} {N(s.EfficiencyMedian, 2)} ({N(s.EfficiencyMin, 2)}-{N(s.EfficiencyMax, 2)})";

        private static string Lat(Summary s) => double.IsNaN(s.P50Us) ? "–" : $"{N(s.P50Us, 0)} / {N(s.P99Us, 0)} / {N(s.MaxUs, 0)}";

        private static int Digits(double v) => double.IsNaN(v) ? 0 : Math.Abs(v) >= 100 ? 0 : Math.Abs(v) >= 10 ? 1 : 2;

        private static string N(double v, int digits) => double.IsNaN(v) ? "–" : v.ToString("N" + digits, CultureInfo.InvariantCulture);
    }
}

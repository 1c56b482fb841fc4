using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EchoNet.Bench
{
    /// <summary>The generator's command line (what build.ps1 Bench passes).</summary>
    internal sealed class Options
    {
        public string Root;
        public bool Quick;
        public string Output;
        public string Baseline;
        /// <summary>The numbers of the workloads to run.</summary>
        public HashSet<int> Only;
        /// <summary>The --only value as given (for the command line in the results), or null.</summary>
        public string OnlyText;
        /// <summary>The other build's module manifest (<c>build.ps1 Bench -CompareTo</c>), or null.</summary>
        public string PreviousManifest;
        /// <summary>How the table names the other build, e.g. "HEAD~1 (853216e)".</summary>
        public string PreviousLabel;
        /// <summary>The C floor's source when not found beside the repository (ECHONET_BENCH_FLOOR_SOURCE).</summary>
        public string FloorSource = Environment.GetEnvironmentVariable("ECHONET_BENCH_FLOOR_SOURCE");

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--root": o.Root = args[++i]; break;
                    case "--quick": o.Quick = true; break;
                    case "--out": o.Output = args[++i]; break;
                    case "--baseline": o.Baseline = args[++i]; break;
                    case "--previous": o.PreviousManifest = Path.GetFullPath(args[++i]); break;
                    case "--previous-label": o.PreviousLabel = args[++i]; break;
                    case "--only":
                        o.Only = new HashSet<int>();
                        o.OnlyText = args[i + 1];
                        foreach (var w in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            var chosen = Workload.All.FirstOrDefault(x => x.Alias != null && w.Equals(x.Alias, StringComparison.OrdinalIgnoreCase))
                                ?? (int.TryParse(w, out int id) ? Workload.All.FirstOrDefault(x => x.Id == id) : null);
                            if (chosen == null) { Console.Error.WriteLine($"Unknown workload '{w}': use {Choices()}."); return null; }
                            o.Only.Add(chosen.Id);
                        }
                        break;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: EchoNet.Bench --root <repo> [--quick] [--out results.json] [--baseline BaselineServer.dll] [--only 1,2,8,Soak] [--previous other/EchoNet.psd1 --previous-label NAME]");
                        return null;
                }
            }
            // The full run has every workload; the quick pass leaves out the long ones (the soak).
            o.Only ??= new HashSet<int>(Workload.All.Where(w => !o.Quick || w.InQuickPass).Select(w => w.Id));
            if (o.PreviousManifest != null) o.PreviousLabel ??= "previous build";
            o.Root = Path.GetFullPath(o.Root ?? Directory.GetCurrentDirectory());
            o.Output ??= Path.Combine(o.Root, "out", "bench", "results.json");
            o.Baseline ??= Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "baseline", "BaselineServer.dll"));
            return o;
        }

        /// <summary>"1-10 or Soak": the numbers (as a range when they are one) and the aliases.</summary>
        private static string Choices()
        {
            var ids = Workload.All.Select(w => w.Id).OrderBy(i => i).ToList();
            string numbers = ids.Count > 1 && ids[ids.Count - 1] - ids[0] == ids.Count - 1 ? $"{ids[0]}-{ids[ids.Count - 1]}" : string.Join(", ", ids);
            var aliases = Workload.All.Where(w => w.Alias != null).Select(w => w.Alias).ToList();
            return aliases.Count == 0 ? numbers : numbers + " or " + string.Join(", ", aliases);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// `build.ps1 Bench`: runs the nine workloads (and the soak, workload 10) against EchoNet (Start-EchoServer in pwsh) and a
    /// plain .NET baseline server, each in its own process, prints one table and writes JSON.
    /// On Linux with two or more cores it re-runs itself pinned to core 0 (taskset) with inline
    /// socket completions, and pins the servers to core 1.
    /// </summary>
    internal static class Program
    {
        private const string PinnedVariable = "ECHONET_BENCH_PINNED";

        private static int Main(string[] args)
        {
            var options = Options.Parse(args);
            if (options == null) return 2;
            if (ShouldPin()) return RunPinned(args);
            try
            {
                return new Runner(options).RunAsync().GetAwaiter().GetResult();
            }
            finally
            {
                Children.KillAll();
            }
        }

        private static bool ShouldPin()
        {
            return OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset") && Environment.ProcessorCount >= 2
                && Environment.GetEnvironmentVariable(PinnedVariable) == null;
        }

        /// <summary>Starts this program again on core 0, with inline socket completions for the generator.</summary>
        private static int RunPinned(string[] args)
        {
            var psi = new ProcessStartInfo("/usr/bin/taskset") { UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("0");
            psi.ArgumentList.Add(Environment.ProcessPath);
            if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath).Equals("EchoNet.Bench", StringComparison.OrdinalIgnoreCase))
                psi.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment[PinnedVariable] = "0,1";
            psi.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
            psi.Environment["DOTNET_TieredPGO"] = "1";
            using var child = Process.Start(psi);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
            child.WaitForExit();
            return child.ExitCode;
        }
    }

    internal sealed class Options
    {
        public string Root;
        public bool Quick;
        public string Output;
        public string Baseline;
        /// <summary>Workload 10: 1,000 connections for 60 s against EchoNet alone (issue 6); in the full run, not in --quick.</summary>
        public const int Soak = 10;

        public HashSet<int> Only;
        /// <summary>The --only value as given (for the command line in the results), or null.</summary>
        public string OnlyText;

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
                    case "--only":
                        o.Only = new HashSet<int>();
                        o.OnlyText = args[i + 1];
                        foreach (var w in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (w.Equals("soak", StringComparison.OrdinalIgnoreCase)) o.Only.Add(Soak);
                            else if (int.TryParse(w, out int id) && id >= 1 && id <= Soak) o.Only.Add(id);
                            else { Console.Error.WriteLine($"Unknown workload '{w}': use 1-10 or Soak."); return null; }
                        }
                        break;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: EchoNet.Bench --root <repo> [--quick] [--out results.json] [--baseline BaselineServer.dll] [--only 1,2,8,Soak]");
                        return null;
                }
            }
            // The full run has every workload; the quick pass leaves out the minute-long soak.
            o.Only ??= new HashSet<int>(Enumerable.Range(1, o.Quick ? 9 : Soak));
            o.Root = Path.GetFullPath(o.Root ?? Directory.GetCurrentDirectory());
            o.Output ??= Path.Combine(o.Root, "out", "bench", "results.json");
            o.Baseline ??= Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "baseline", "BaselineServer.dll"));
            return o;
        }
    }

    /// <summary>Every child process, so that any exit path ends them.</summary>
    internal static class Children
    {
        private static readonly List<IDisposable> Live = new List<IDisposable>();

        static Children()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        public static T Track<T>(T child) where T : IDisposable
        {
            lock (Live) Live.Add(child);
            return child;
        }

        public static void Release(IDisposable child)
        {
            lock (Live) Live.Remove(child);
            child.Dispose();
        }

        public static void KillAll()
        {
            IDisposable[] all;
            lock (Live) { all = Live.ToArray(); Live.Clear(); }
            foreach (var c in all) { try { c.Dispose(); } catch (Exception) { } }
        }
    }
}

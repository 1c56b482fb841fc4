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
    /// `build.ps1 Bench`: runs the workloads (bench/EchoNet.Bench/Workloads/, one file each) against EchoNet (Start-EchoServer in pwsh) and a
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
}

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace EchoNet.Bench
{
    /// <summary>
    /// The floor: a single-threaded C echo server on epoll (TCP and UDP), the cheapest echo through
    /// this kernel. Its source is not part of the project: it is the shared anchor
    /// <c>shared/anchors/c-epoll/c_epoll_echo.c</c>, read where it lies (its README asks that it
    /// be built at bench time and not copied in). Built here with the machine's C compiler into
    /// <c>out/bench/floor/</c>; without the source or a compiler the floor is skipped with the reason.
    /// </summary>
    internal static class CFloor
    {
        public const string Label = "C floor";
        private const string SourceTail = "shared/anchors/c-epoll/c_epoll_echo.c";

        /// <summary>The built server, or null with <paramref name="skipped"/> saying why.</summary>
        public static string Build(Options options, out string skipped)
        {
            skipped = null;
            string source = options.FloorSource ?? FindSource(options.Root);
            if (source == null || !File.Exists(source))
            {
                skipped = $"no {SourceTail} in {options.Root} or a folder above it (set ECHONET_BENCH_FLOOR_SOURCE to its path)";
                return null;
            }
            string cc = FindCompiler();
            if (cc == null)
            {
                skipped = "no C compiler (cc, gcc or clang on PATH, or $CC)";
                return null;
            }
            string folder = Path.Combine(Path.GetDirectoryName(options.Output), "floor");
            Directory.CreateDirectory(folder);
            string binary = Path.Combine(folder, "c_epoll_echo");
            if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)) return binary;
            var psi = new ProcessStartInfo(cc) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-O2", "-o", binary, source }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            string errors = p.StandardError.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(); skipped = $"{cc} did not finish within 60 s"; return null; }
            if (p.ExitCode != 0) { skipped = $"{cc} failed ({p.ExitCode}): {errors.Trim()}"; return null; }
            BenchContext.Step($"built the C floor with {cc} -O2 from {source}");
            return binary;
        }

        /// <summary>The anchor beside the repository or a folder above it (a worktree's, or CI's copy of shared/).</summary>
        private static string FindSource(string root)
        {
            for (var dir = new DirectoryInfo(root); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, SourceTail);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static string FindCompiler()
        {
            var names = new[] { Environment.GetEnvironmentVariable("CC"), "cc", "gcc", "clang" }.Where(n => !string.IsNullOrEmpty(n));
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (string name in names)
            {
                if (Path.IsPathRooted(name)) { if (File.Exists(name)) return name; continue; }
                foreach (string dir in path)
                {
                    string candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate)) return candidate;
                }
            }
            return null;
        }

        /// <summary>Starts the floor on a port the kernel chooses, pinned like the other servers.</summary>
        public static ServerProcess Start(string binary, string workDir, int? core) =>
            ServerProcess.StartFloor(binary, workDir, core, TimeSpan.FromSeconds(20));
    }
}

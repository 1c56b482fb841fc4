using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace EchoNet.Bench
{
    /// <summary>
    /// A server under test in its own process. Both servers speak the same line protocol:
    /// "READY tcp udp pid" on stdout once listening; "mem" on stdin answers "MEM ws heap";
    /// "quit" (or end of input) ends it. Disposing always ends the process tree.
    /// </summary>
    internal sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
        private readonly StringBuilder _stderr = new StringBuilder();
        private Process _target;
        /// <summary>True for a server that speaks no control protocol (the C floor): it is killed, not asked to quit.</summary>
        private bool _killToStop;

        private ServerProcess(string name, Process process)
        {
            Name = name;
            _process = process;
        }

        public string Name { get; }
        public int TcpPort { get; private set; }
        public int UdpPort { get; private set; }
        public int Pid { get; private set; }

        public static ServerProcess Start(string name, string file, IEnumerable<string> args, string workDir, int? core, TimeSpan timeout) =>
            Launch(name, file, args, workDir, core, killToStop: false, server =>
            {
                var parts = server.ReadLine("READY", timeout).Split(' ');
                server.TcpPort = int.Parse(parts[1]);
                server.UdpPort = int.Parse(parts[2]);
                server.Pid = int.Parse(parts[3]);
            });

        /// <summary>
        /// The C floor (<see cref="CFloor"/>): started with port 0, it prints "c_epoll_echo pid=N port=0"
        /// once bound; its real TCP and UDP ports are read back from the kernel.
        /// </summary>
        public static ServerProcess StartFloor(string binary, string workDir, int? core, TimeSpan timeout) =>
            Launch(CFloor.Label, binary, new[] { "0" }, workDir, core, killToStop: true, server =>
            {
                string pid = server.ReadLine("c_epoll_echo", timeout).Split(' ')[1];
                server.Pid = int.Parse(pid.Substring(pid.IndexOf('=') + 1));
                (server.TcpPort, server.UdpPort) = ListeningPorts.Of(server.Pid);
                if (server.TcpPort == 0 || server.UdpPort == 0) throw new InvalidOperationException($"{CFloor.Label}: its ports were not found in /proc");
            });

        /// <summary>Starts the process, reads its output, lets <paramref name="ready"/> wait for it to listen; ends it on failure.</summary>
        private static ServerProcess Launch(string name, string file, IEnumerable<string> args, string workDir, int? core, bool killToStop, Action<ServerProcess> ready)
        {
            var psi = EchoNet.Bench.Launch.StartInfo(file, args, workDir, core);
            psi.RedirectStandardInput = true;
            var process = Process.Start(psi) ?? throw new InvalidOperationException($"{name}: could not start {file}");
            var server = new ServerProcess(name, process) { _killToStop = killToStop };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) server._lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (server._stderr) server._stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                ready(server);
                server._target = Process.GetProcessById(server.Pid);
                return server;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }

        private string ReadLine(string prefix, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var left = timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
                {
                    string err;
                    lock (_stderr) err = _stderr.ToString();
                    throw new TimeoutException($"{Name}: no '{prefix}' line within {timeout.TotalSeconds:0} s (exited: {_process.HasExited}). stderr: {err}");
                }
                if (line.StartsWith(prefix + " ", StringComparison.Ordinal)) return line;
            }
        }

        /// <summary>
        /// CPU time of the server process itself. On Linux: the sum over its threads of the
        /// scheduler's run time (/proc/&lt;pid&gt;/task/*/schedstat, nanoseconds). The user+system
        /// times of /proc/&lt;pid&gt;/stat (Process.TotalProcessorTime) are sampled at timer ticks
        /// on kernels built with tick-based accounting: a thread that runs in short bursts and
        /// sleeps in between is charged far too little (an event loop measured 0 ticks for 96 ms
        /// of run time), while a thread that spins is charged in full. Elsewhere, or if
        /// schedstat is missing, TotalProcessorTime.
        /// </summary>
        public TimeSpan CpuTime()
        {
            if (SchedStatCpu(Pid) is TimeSpan exact) return exact;
            _target.Refresh();
            return _target.TotalProcessorTime;
        }

        /// <summary>The sum of the threads' run times; null when not available. Threads that ended are not counted.</summary>
        public static TimeSpan? SchedStatCpu(int pid)
        {
            if (!OperatingSystem.IsLinux()) return null;
            try
            {
                long ns = 0;
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    string text;
                    try { text = File.ReadAllText(Path.Combine(task, "schedstat")); }
                    catch (IOException) { continue; } // the thread ended meanwhile
                    int space = text.IndexOf(' ');
                    if (space <= 0 || !long.TryParse(text.AsSpan(0, space), out long run)) return null;
                    ns += run;
                }
                return TimeSpan.FromTicks(ns / 100);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return null; }
        }

        /// <summary>Working set and managed heap after a full collection, as the server reports them.</summary>
        public (long WorkingSet, long Heap) Memory()
        {
            _process.StandardInput.WriteLine("mem");
            _process.StandardInput.Flush();
            var parts = ReadLine("MEM", TimeSpan.FromSeconds(60)).Split(' ');
            return (long.Parse(parts[1]), long.Parse(parts[2]));
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited && !_killToStop)
                {
                    try { _process.StandardInput.WriteLine("quit"); _process.StandardInput.Close(); } catch (IOException) { }
                    if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException) { }
            finally
            {
                try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                _process.Dispose();
                _target?.Dispose();
            }
        }
    }

    /// <summary>Process start settings shared by servers and pwsh workloads.</summary>
    internal static class Launch
    {
        public static readonly bool CanPin = OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset") && Environment.ProcessorCount >= 1;

        public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string workDir, int? core)
        {
            var psi = new ProcessStartInfo
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workDir,
            };
            if (core.HasValue && CanPin)
            {
                psi.FileName = "/usr/bin/taskset";
                psi.ArgumentList.Add("-c");
                psi.ArgumentList.Add(core.Value.ToString());
                psi.ArgumentList.Add(file);
            }
            else
            {
                psi.FileName = file;
            }
            foreach (var a in args) psi.ArgumentList.Add(a);
            // The generator runs with inline socket completions; the servers run with the defaults.
            psi.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
            psi.Environment["NO_COLOR"] = "1";
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            return psi;
        }
    }
}

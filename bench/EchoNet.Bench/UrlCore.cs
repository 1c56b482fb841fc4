using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using EchoNet.Url;

namespace EchoNet.Bench
{
    /// <summary>
    /// The two sides of workload 8's core comparison as <c>string -> href</c> (null when the input
    /// does not parse), and the per-pass timing. EchoNet's parser is called directly: the bench
    /// references src/EchoNet.Core, the same source the module ships in bin/.
    /// </summary>
    internal static class UrlCore
    {
        /// <summary>What the table's note names as the measured call.</summary>
        public const string EntryPoint = "EchoNet.Url.UrlParser.Parse(String, String)";

        /// <summary>EchoNet's WHATWG URL parser: the serialized URL, or null on failure.</summary>
        public static string Href(string input) => UrlParser.Parse(input).Url?.Href;

        /// <summary>System.Uri, made to do the work: TryCreate plus AbsoluteUri (Uri is lazy).</summary>
        public static string SystemUri(string input)
        {
            return Uri.TryCreate(input, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : null;
        }

        /// <summary>Rough class of a corpus entry, for the per-kind breakdown.</summary>
        public static string Kind(string url)
        {
            string u = url.Trim();
            int colon = u.IndexOf(':');
            string scheme = colon > 0 ? u.Substring(0, colon).ToLowerInvariant() : "";
            bool special = scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" || scheme == "ftp";
            if (scheme == "file") return "file";
            if (!special) return colon > 0 && u.IndexOf(' ') < 0 ? "non-special" : "invalid";
            int hostStart = u.IndexOf("//", StringComparison.Ordinal) + 2;
            int hostEnd = u.IndexOfAny(new[] { '/', '?', '#' }, hostStart);
            string authority = hostEnd < 0 ? u.Substring(hostStart) : u.Substring(hostStart, hostEnd - hostStart);
            if (authority.IndexOf('[') >= 0) return "ipv6";
            if (authority.Any(c => c > 127)) return "idn";
            string host = authority.Substring(authority.LastIndexOf('@') + 1);
            if (host.Length > 0 && char.IsDigit(host[0]) && host.Count(c => c == '.') == 3) return "ipv4";
            return "ascii domain";
        }

        /// <summary>
        /// One pass over the corpus: ns per URL of wall time and of this thread's CPU time (the
        /// latter is what other processes on a shared machine do not inflate; NaN where the
        /// thread's CPU clock cannot be read). The checksum keeps the work from being optimized away.
        /// </summary>
        public static (double WallNs, double CpuNs) Pass(Func<string, string> parse, List<string> corpus, out long checksum)
        {
            long sum = 0;
            long cpuStart = ThreadCpuNs();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < corpus.Count; i++)
            {
                string href = parse(corpus[i]);
                if (href != null) sum += href.Length;
            }
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / corpus.Count;
            long cpuEnd = ThreadCpuNs();
            checksum = sum;
            return (wall, cpuStart < 0 || cpuEnd < 0 ? double.NaN : (double)(cpuEnd - cpuStart) / corpus.Count);
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out Timespec time);

        /// <summary>This thread's CPU time in ns (the scheduler's exact run time on Linux), or -1.</summary>
        private static long ThreadCpuNs()
        {
            if (!OperatingSystem.IsLinux()) return -1;
            return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : -1;
        }
    }
}

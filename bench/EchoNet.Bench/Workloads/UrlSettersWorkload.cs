using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime;
using System.Threading.Tasks;
using EchoNet.Url;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 11, no servers: each URL API setter (Search, Pathname, Hostname, Port, Hash,
    /// Protocol) on already parsed URLs, against a parse of the same hrefs, interleaved. Both
    /// sides keep their result: a setter changes a URL that lives on, and each parse result
    /// replaces the previous one in a list, so both pay the same for keeping new objects alive.
    /// The target: no setter slower than a parse. One row: the slowest setter against the parse.
    /// Each timed chunk runs in a no-GC region: otherwise a collection (made costly by the tens of
    /// thousands of live URLs) lands on whichever side happens to cross the allocation budget and
    /// swamps the difference. What the collector will have to do is shown instead as bytes
    /// allocated per URL on each side.
    /// </summary>
    internal sealed class UrlSettersWorkload : Workload
    {
        public override int Id => 11;
        public override int RunOrder => 95;
        public override Servers Needs => Servers.None;

        private static readonly (string Name, Action<WhatwgUrl> Set)[] Setters =
        {
            ("Search", u => u.Search = "?page=2&sort=desc"),
            ("Pathname", u => u.Pathname = "/docs/guide/intro"),
            ("Hostname", u => u.Hostname = "www.example.org"),
            ("Port", u => u.Port = "8080"),
            ("Hash", u => u.Hash = "#section-2"),
            ("Protocol", u => u.Protocol = "https"),
        };

        public override Task RunAsync(BenchContext bench)
        {
            BenchContext.Step("workload 11: URL setters vs a parse of the href");
            // The URLs every setter acts on: special, with a host (file: and opaque paths ignore some setters).
            var hrefs = UrlCorpus.Generate(bench.Settings.UrlCorpus)
                .Select(s => UrlParser.Parse(s).Url)
                .Where(u => u != null && u.IsSpecial && u.Scheme != SpecialSchemes.File)
                .Select(u => u.Href)
                .ToList();
            var urls = hrefs.Select(h => UrlParser.Parse(h).Url).ToList();
            var parsed = hrefs.Select(h => UrlParser.Parse(h).Url).ToList();

            for (int w = 0; w < 3; w++) Round(hrefs, parsed, urls, 0);
            // Interleaved finely: every chunk of URLs is parsed and then set by each setter (the
            // parse first in even rounds, last in odd ones), so load from elsewhere on the machine
            // falls on both sides alike.
            var parse = new List<double>();
            var set = Setters.ToDictionary(s => s.Name, s => new List<double>());
            for (int r = 0; r < bench.Settings.UrlRounds; r++)
            {
                var (parseNs, setterNs) = Round(hrefs, parsed, urls, r);
                parse.Add(parseNs);
                for (int k = 0; k < Setters.Length; k++) set[Setters[k].Name].Add(setterNs[k]);
            }

            var medians = Setters.ToDictionary(s => s.Name, s => Stats.Median(set[s.Name]));
            var slowest = medians.OrderByDescending(m => m.Value).First();
            var row = new WorkloadResult
            {
                Id = Id,
                Name = $"URL setters on {urls.Count:N0} URLs, slowest ({slowest.Key}) vs a parse of the href",
                Metric = "ns/URL",
                EchoNetLabel = "setter",
                BaselineLabel = "UrlParser.Parse",
                EchoNet = slowest.Value,
                Baseline = Stats.Median(parse),
            };
            row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
            for (int k = 0; k < Setters.Length; k++)
            {
                string name = Setters[k].Name;
                row.Extra[$"setterNs[{name}]"] = medians[name];
                row.Extra[$"setterBytes[{name}]"] = LastBytesPerUrl[k + 1];
                BenchContext.Step($"  {name,-9} {medians[name],6:0} ns/URL ({medians[name] / row.Baseline:0.00} of a parse), {LastBytesPerUrl[k + 1],5:0} B/URL allocated");
            }
            row.Extra["parseBytes"] = LastBytesPerUrl[0];
            BenchContext.Step($"  parse     {row.Baseline,6:0} ns/URL, {LastBytesPerUrl[0],5:0} B/URL allocated");
            row.Targets.Add(new Target { Text = "every setter ≤ a parse of the href", Met = row.EchoNet <= row.Baseline });
            bench.Results.Add(row);
            return Task.CompletedTask;
        }

        private const int Chunk = 4000;
        private const long NoGcBytes = 32L * 1024 * 1024; // far more than a chunk allocates

        /// <summary>One pass over all URLs in chunks: ns per URL of the parse and of each setter.</summary>
        private static (double Parse, double[] Setters) Round(List<string> hrefs, List<WhatwgUrl> parsed, List<WhatwgUrl> urls, int round)
        {
            long parseTicks = 0, parseBytes = 0;
            var setterTicks = new long[Setters.Length];
            var setterBytes = new long[Setters.Length];
            long checksum = 0;
            for (int from = 0; from < hrefs.Count; from += Chunk)
            {
                int to = Math.Min(from + Chunk, hrefs.Count);
                if (round % 2 == 0) parseTicks += Timed(() => ParseChunk(hrefs, parsed, from, to, ref checksum), ref parseBytes);
                for (int k = 0; k < Setters.Length; k++)
                {
                    var setter = Setters[k].Set;
                    setterTicks[k] += Timed(() => SetterChunk(urls, from, to, setter, ref checksum), ref setterBytes[k]);
                }
                if (round % 2 == 1) parseTicks += Timed(() => ParseChunk(hrefs, parsed, from, to, ref checksum), ref parseBytes);
            }
            if (checksum < 0) throw new InvalidOperationException(); // keeps the work from being optimized away
            LastBytesPerUrl = new[] { (double)parseBytes / hrefs.Count }.Concat(setterBytes.Select(b => (double)b / urls.Count)).ToArray();
            return (NsPerUrl(parseTicks, hrefs.Count), setterTicks.Select(t => NsPerUrl(t, urls.Count)).ToArray());
        }

        /// <summary>Bytes allocated per URL in the last round: the parse, then each setter.</summary>
        private static double[] LastBytesPerUrl;

        /// <summary>Runs <paramref name="work"/> (which returns its own ticks) with no collection inside it; adds what it allocated.</summary>
        private static long Timed(Func<long> work, ref long allocated)
        {
            bool noGc = GC.TryStartNoGCRegion(NoGcBytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long ticks = work();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            return ticks;
        }

        /// <summary>Parses each href of the chunk; the URL replaces the one parsed before in the list.</summary>
        private static long ParseChunk(List<string> hrefs, List<WhatwgUrl> parsed, int from, int to, ref long checksum)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = from; i < to; i++)
            {
                parsed[i] = UrlParser.Parse(hrefs[i]).Url;
                checksum += parsed[i].Href.Length;
            }
            return Stopwatch.GetTimestamp() - start;
        }

        /// <summary>One setter on each URL of the chunk; each then reads its Href, as a user would.</summary>
        private static long SetterChunk(List<WhatwgUrl> urls, int from, int to, Action<WhatwgUrl> setter, ref long checksum)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = from; i < to; i++)
            {
                setter(urls[i]);
                checksum += urls[i].Href.Length;
            }
            return Stopwatch.GetTimestamp() - start;
        }

        private static double NsPerUrl(long ticks, int count) => ticks * 1e9 / Stopwatch.Frequency / count;
    }
}

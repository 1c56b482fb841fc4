using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EchoNet.Url;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 16, no servers: URL patterns (issue 25) against hand-written .NET regular expressions
    /// doing the same match on the href. 100,000 URLs (the 48,009 real-world ones of bench/data/urls
    /// and generated ones from <see cref="UrlCorpus"/>) each against 10 route-style patterns.
    /// EchoNet's side parses each input once (UrlParser.Parse) and runs UrlPattern.Test(WhatwgUrl)
    /// for every pattern, as Select-Url does; the baseline runs Regex.IsMatch (Compiled) on the
    /// href, parsed beforehand and not timed. The cost per Test is each side's time over
    /// URLs × patterns; the parse alone is measured on the same inputs in the same rounds, to say
    /// what part of a Test it is. Both sides must agree on every (URL, pattern) pair; the row
    /// reports any disagreement. Chunks of URLs are interleaved, the order alternating per round.
    /// </summary>
    internal sealed class UrlPatternWorkload : Workload
    {
        public override int Id => 16;
        public override int RunOrder => 97;
        public override Servers Needs => Servers.None;

        private const int CorpusSize = 100_000;
        private const double Target = 1.5;

        // Each route pattern beside the regex a developer would write for the same match on the href.
        // Userinfo may precede any host (username and password are '*'); a host-and-no-port pattern
        // means the default port, which an href omits.
        private const string Userinfo = @"(?:[^@/?#]*@)?";
        private const string AnyHost = @"(?:\[[^\]/?#]*\]|[^/?#:@\[\]]*)";

        private static readonly (object Pattern, string Regex)[] Routes =
        {
            ("https://www.kpmg.com/:country/*", "^https://" + Userinfo + @"www\.kpmg\.com/[^/?#]+/"),
            ("https://*.gov/*", "^https://" + Userinfo + @"[^/?#:@]*\.gov/"),
            ("https://*/api/:version/users/:id", "^https://" + Userinfo + AnyHost + @"/api/[^/?#]+/users/[^/?#]+(?:[?#]|$)"),
            ("http://*:8080/*", "^http://" + Userinfo + AnyHost + ":8080/"),
            (new UrlPatternInit { Protocol = "http{s}?", Hostname = "*.com", Search = "q=:term" }, "^https?://" + Userinfo + @"[^/?#@]*\.com(?::[0-9]+)?/[^?#]*\?q=[^#]"),
            ("ftp://*/*", "^ftp://" + Userinfo + AnyHost + "/"),
            ("http{s}?://*.de/*", "^https?://" + Userinfo + @"[^/?#:@]*\.de/"),
            ("https://*/*.html", "^https://" + Userinfo + AnyHost + @"/[^?#]*\.html(?:[?#]|$)"),
            ("https://www.:domain.com/", "^https://" + Userinfo + @"www\.[^./?#:@]+\.com/(?:[?#]|$)"),
            ("mailto:*", "^mailto:"),
        };

        public override Task RunAsync(BenchContext bench)
        {
            BenchContext.Step("workload 16: URL patterns (parse once + UrlPattern.Test) vs hand-written Regex.IsMatch on the href");
            string realPath = Path.Combine(bench.Options.Root, "bench", "data", "urls", "kasztp.txt");
            var inputs = File.ReadAllLines(realPath).Where(line => line.Length > 0).ToList();
            inputs.AddRange(UrlCorpus.Generate(CorpusSize - inputs.Count, seed: 14));
            var hrefs = inputs.Select(s => UrlParser.Parse(s).Url?.Href).ToList();
            var patterns = Routes.Select(r => UrlPattern.Create(r.Pattern)).ToArray();
            var regexes = Routes.Select(r => new Regex(r.Regex, RegexOptions.Compiled | RegexOptions.CultureInvariant)).ToArray();

            var (agree, disagree, matches, example) = Agreement(inputs, hrefs, patterns, regexes);
            BenchContext.Step($"  {inputs.Count:N0} URLs x {patterns.Length} patterns: {matches:N0} matches, {disagree} disagreements with the regexes{example}");
            BenchContext.Step($"  every pattern on the linear engine: {patterns.All(p => p.IsLinear)}");

            for (int w = 0; w < 3; w++) Round(inputs, hrefs, patterns, regexes, w);
            var patternNs = new List<double>();
            var regexNs = new List<double>();
            var parseNs = new List<double>();
            for (int r = 0; r < bench.Settings.UrlRounds; r++)
            {
                var (p, x, parse) = Round(inputs, hrefs, patterns, regexes, r);
                patternNs.Add(p);
                regexNs.Add(x);
                parseNs.Add(parse);
            }

            double parsePerUrl = Stats.Median(parseNs);
            var row = new WorkloadResult
            {
                Id = Id,
                Name = $"URL patterns, {inputs.Count:N0} URLs x {patterns.Length} routes: parse once + UrlPattern.Test vs Regex.IsMatch on the href (parse {parsePerUrl:0} ns/URL, {parsePerUrl / patterns.Length:0} ns of each Test)",
                Metric = "ns/Test",
                EchoNetLabel = "UrlPattern.Test",
                BaselineLabel = "Regex.IsMatch",
                EchoNet = Stats.Median(patternNs),
                Baseline = Stats.Median(regexNs),
            };
            row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
            row.Extra["parseNsPerUrl"] = parsePerUrl;
            row.Extra["parseNsPerTest"] = parsePerUrl / patterns.Length;
            row.Extra["matches"] = matches;
            row.Extra["agreements"] = agree;
            row.Extra["disagreements"] = disagree;
            BenchContext.Step($"  UrlPattern {row.EchoNet:0.0} ns/Test (of which the parse {parsePerUrl / patterns.Length:0.0}), Regex {row.Baseline:0.0} ns/Test, ratio {row.Ratio:0.00}; parse {parsePerUrl:0} ns/URL");
            row.Targets.Add(new Target { Text = $"≤ {Target}× the regex per Test", Met = row.Ratio <= Target });
            row.Targets.Add(new Target { Text = "same answer as the regexes for every pair", Met = disagree == 0 });
            bench.Results.Add(row);
            return Task.CompletedTask;
        }

        private static (long Agree, long Disagree, long Matches, string Example) Agreement(List<string> inputs, List<string> hrefs,
            UrlPattern[] patterns, Regex[] regexes)
        {
            long agree = 0, disagree = 0, matches = 0;
            string example = string.Empty;
            for (int i = 0; i < inputs.Count; i++)
            {
                var url = hrefs[i] == null ? null : UrlParser.Parse(inputs[i]).Url;
                for (int k = 0; k < patterns.Length; k++)
                {
                    bool byPattern = url != null && patterns[k].Test(url);
                    bool byRegex = hrefs[i] != null && regexes[k].IsMatch(hrefs[i]);
                    if (byPattern) matches++;
                    if (byPattern == byRegex) agree++;
                    else
                    {
                        disagree++;
                        if (example.Length == 0) example = $" (first: {hrefs[i]} with {patterns[k]}: pattern {byPattern}, regex {byRegex})";
                    }
                }
            }
            return (agree, disagree, matches, example);
        }

        private const int Chunk = 4000;

        /// <summary>One pass in chunks: ns per Test on each side, and ns per URL of the parse alone.</summary>
        private static (double Pattern, double Regex, double Parse) Round(List<string> inputs, List<string> hrefs, UrlPattern[] patterns, Regex[] regexes, int round)
        {
            long patternTicks = 0, regexTicks = 0, parseTicks = 0, checksum = 0;
            for (int from = 0; from < inputs.Count; from += Chunk)
            {
                int to = Math.Min(from + Chunk, inputs.Count);
                if (round % 2 == 0)
                {
                    patternTicks += PatternChunk(inputs, patterns, from, to, ref checksum);
                    regexTicks += RegexChunk(hrefs, regexes, from, to, ref checksum);
                    parseTicks += ParseChunk(inputs, from, to, ref checksum);
                }
                else
                {
                    parseTicks += ParseChunk(inputs, from, to, ref checksum);
                    regexTicks += RegexChunk(hrefs, regexes, from, to, ref checksum);
                    patternTicks += PatternChunk(inputs, patterns, from, to, ref checksum);
                }
            }
            if (checksum < 0) throw new InvalidOperationException(); // keeps the work from being optimized away
            double tests = (double)inputs.Count * patterns.Length;
            return (Ns(patternTicks) / tests, Ns(regexTicks) / tests, Ns(parseTicks) / inputs.Count);
        }

        private static long PatternChunk(List<string> inputs, UrlPattern[] patterns, int from, int to, ref long checksum)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = from; i < to; i++)
            {
                var url = UrlParser.Parse(inputs[i]).Url;
                if (url == null) continue;
                for (int k = 0; k < patterns.Length; k++)
                    if (patterns[k].Test(url)) checksum++;
            }
            return Stopwatch.GetTimestamp() - start;
        }

        private static long RegexChunk(List<string> hrefs, Regex[] regexes, int from, int to, ref long checksum)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = from; i < to; i++)
            {
                string href = hrefs[i];
                if (href == null) continue;
                for (int k = 0; k < regexes.Length; k++)
                    if (regexes[k].IsMatch(href)) checksum++;
            }
            return Stopwatch.GetTimestamp() - start;
        }

        private static long ParseChunk(List<string> inputs, int from, int to, ref long checksum)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = from; i < to; i++)
            {
                var url = UrlParser.Parse(inputs[i]).Url;
                if (url != null) checksum += url.Href.Length;
            }
            return Stopwatch.GetTimestamp() - start;
        }

        private static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
    }
}

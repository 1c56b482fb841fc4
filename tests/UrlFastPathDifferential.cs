// Compiled by tests/UrlFastPath.Tests.ps1 (Add-Type) against the loaded EchoNet.Core: checks the
// parser (its fast path for already-normal URLs, and the full parser going on from where the fast
// path stopped) against the full parser alone, input by input. The two internal entry points are
// reached by reflection.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using EchoNet;
using EchoNet.Url;

namespace EchoNet.Tests
{
    public sealed class FastPathReport
    {
        public int Inputs;
        /// <summary>Inputs the fast path took whole (the input itself is the href).</summary>
        public int Accepted;
        /// <summary>Inputs the fast path proved in part, handing the full parser the rest.</summary>
        public int Resumed;
        /// <summary>Parses compared (each input once per base, and once with none).</summary>
        public int Compared;
        /// <summary>Inputs the full parser gives back unchanged as the href (no base) that the fast path did not take whole.</summary>
        public int NormalLeftToFullParser;
        public List<string> Mismatches = new List<string>();
    }

    public static class UrlFastPathDifferential
    {
        private delegate UrlValidationError FullParser(string input, WhatwgUrl baseUrl, out WhatwgUrl url);

        private static readonly MethodInfo FastPath = typeof(UrlParser).Assembly
            .GetType("EchoNet.Url.NormalUrlFastPath", true)
            .GetMethod("TryParse", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static);

        private static readonly FullParser Full = (FullParser)typeof(UrlParser)
            .GetMethod("RunFullParser", BindingFlags.NonPublic | BindingFlags.Static, null,
                new[] { typeof(string), typeof(WhatwgUrl), typeof(WhatwgUrl).MakeByRefType() }, null)
            .CreateDelegate(typeof(FullParser));

        /// <summary>Whether the fast path takes the input whole (and so the input is the href).</summary>
        public static bool Accepts(string input)
        {
            int proved;
            return RunFastPath(input, out proved);
        }

        /// <summary>How many code units at the start of the input the fast path proved normal, when it did not take it whole.</summary>
        public static int ProvedLength(string input)
        {
            int proved;
            return RunFastPath(input, out proved) ? input.Length : proved;
        }

        private static bool RunFastPath(string input, out int proved)
        {
            var args = new object[] { input, null, null };
            bool taken = (bool)FastPath.Invoke(null, args);
            proved = (int)args[2].GetType().GetField("Length").GetValue(args[2]);
            return taken;
        }

        /// <summary>
        /// Every input through the parser as callers use it (the fast path, then the full parser
        /// from where it stopped) and through the full parser alone from the start, with no base and
        /// against each of <paramref name="bases"/>: both must fail alike or give URLs that agree
        /// on every public property and every stored component offset.
        /// </summary>
        public static FastPathReport Compare(IEnumerable<string> inputs, IList<string> bases)
        {
            var parsedBases = new List<WhatwgUrl> { null };
            foreach (string b in bases)
            {
                WhatwgUrl parsed;
                if (Full(b, null, out parsed) == UrlValidationError.None) parsedBases.Add(parsed);
            }
            var report = new FastPathReport();
            foreach (string input in inputs)
            {
                report.Inputs++;
                int proved;
                if (RunFastPath(input, out proved)) report.Accepted++;
                else
                {
                    if (proved > 0) report.Resumed++;
                    WhatwgUrl alone;
                    if (Full(input, null, out alone) == UrlValidationError.None && alone.Href == input) report.NormalLeftToFullParser++;
                }
                foreach (var baseUrl in parsedBases)
                {
                    report.Compared++;
                    var parsed = UrlParser.ParseAgainst(input, baseUrl);
                    WhatwgUrl full;
                    var error = Full(input, baseUrl, out full);
                    string difference = parsed.Error != error ? "the parser says " + parsed.Error + ", the full parser alone " + error
                        : parsed.Url == null ? null : Difference(parsed.Url, full);
                    if (difference == null) continue;
                    report.Mismatches.Add(report.Mismatches.Count < 50
                        ? Show(input) + (baseUrl == null ? "" : " against " + Show(baseUrl.Href)) + ": " + difference : null);
                }
            }
            return report;
        }

        /// <summary>The first property or stored field on which the two URLs differ, or null.</summary>
        private static string Difference(WhatwgUrl parsed, WhatwgUrl full)
        {
            foreach (var property in typeof(WhatwgUrl).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length != 0) continue;
                string a = Text(property.GetValue(parsed)), b = Text(property.GetValue(full));
                if (a != b) return property.Name + " is " + Show(a) + " from the parser, " + Show(b) + " from the full parser alone";
            }
            foreach (var field in typeof(WhatwgUrl).GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var type = field.FieldType;
                if (!(type.IsPrimitive || type.IsEnum || type == typeof(string))) continue;
                string a = Text(field.GetValue(parsed)), b = Text(field.GetValue(full));
                if (a != b) return "field " + field.Name + " is " + Show(a) + " from the parser, " + Show(b) + " from the full parser alone";
            }
            return null;
        }

        private static string Text(object value)
        {
            if (value == null) return "<null>";
            if (value is string s) return s;
            if (value is IEnumerable items)
            {
                var parts = new List<string>();
                foreach (object item in items) parts.Add(Text(item));
                return "[" + string.Join(", ", parts) + "]";
            }
            return value.ToString();
        }

        /// <summary>The text with control, non-ASCII and surrogate code units escaped, in quotes.</summary>
        public static string Show(string s)
        {
            var sb = new StringBuilder("'");
            foreach (char c in s)
            {
                if (c < 0x20 || c >= 0x7F) sb.AppendFormat("\\u{0:X4}", (int)c);
                else sb.Append(c);
            }
            return sb.Append('\'').ToString();
        }

        private static readonly string[] Units = BuildUnits();

        private static string[] BuildUnits()
        {
            var units = new List<string>();
            for (int c = 0; c < 0x80; c++) units.Add(((char)c).ToString());
            units.AddRange(new[] { "\u00E9", "\u00A0", "\u00DF", "\u0130", "\uFFFD", "\uFF0E", "\u3002", "\uD800", "\uDC00", "\uD83D\uDE00", "\uFDD0" });
            return units.ToArray();
        }

        /// <summary>Pieces that meet the Standard's rewriting steps: dot segments, ports, percent signs, IDNA, userinfo.</summary>
        private static readonly string[] Snippets =
        {
            "%", "%2e", "%2E", "%2e%2E", ".", "..", "...", "/.", "/..", "/./", "/../", "/%2e/", "//", "\\", ":", ":0", ":00", ":21",
            ":80", ":443", ":8080", ":65535", ":65536", ":099", "@", "user@", "user:pass@", ":@", "xn--", "xn--nxa", "XN--",
            "[::1]", "[", "]", "0x", "0x7f", "1.2.3.4", "256", "0", "09", "?", "#", "??", "##", "\t", "\n", "\r", " ", "'", "%zz",
            "%4", "%41", "%7e", "http://", "https:", "file:", "ws://", "sc:", "localhost", "C:", "C|", "a..b", ".com", "-", "_",
        };

        /// <summary>
        /// Deterministic mutations of the seeds: code units and snippets inserted, replaced or
        /// deleted at random positions, letters' case flipped, one or two edits each.
        /// </summary>
        public static List<string> Mutate(IEnumerable<string> seeds, int perSeed, int randomSeed)
        {
            var random = new Random(randomSeed);
            var result = new List<string>();
            foreach (string seed in seeds)
            {
                if (string.IsNullOrEmpty(seed)) continue;
                for (int n = 0; n < perSeed; n++)
                {
                    string s = Edit(seed, random);
                    if (random.Next(3) == 0 && s.Length > 0) s = Edit(s, random);
                    result.Add(s);
                }
            }
            return result;
        }

        private static string Edit(string s, Random random)
        {
            int at = random.Next(s.Length + 1);
            string piece = random.Next(3) == 0 ? Snippets[random.Next(Snippets.Length)] : Units[random.Next(Units.Length)];
            switch (random.Next(5))
            {
                case 0: return s.Insert(at, piece);
                case 1: return at < s.Length ? s.Remove(at, 1).Insert(at, piece) : s + piece;
                case 2: return at < s.Length ? s.Remove(at, 1) : s.Substring(0, s.Length - 1);
                case 3:
                {
                    // Flip the case of a letter, if there is one from here on.
                    for (int i = at; i < s.Length; i++)
                    {
                        char c = s[i];
                        if (c >= 'a' && c <= 'z') return s.Substring(0, i) + char.ToUpperInvariant(c) + s.Substring(i + 1);
                        if (c >= 'A' && c <= 'Z') return s.Substring(0, i) + char.ToLowerInvariant(c) + s.Substring(i + 1);
                    }
                    return s + piece;
                }
                default:
                    // Duplicate a code unit: doubled separators, dots and percent signs.
                    return at < s.Length ? s.Insert(at, s[at].ToString()) : s + s[s.Length - 1];
            }
        }
    }
}

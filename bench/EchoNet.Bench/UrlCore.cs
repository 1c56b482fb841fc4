using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
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

        /// <summary>ns per URL of one pass over the corpus; the checksum keeps the work from being optimized away.</summary>
        public static double Pass(Func<string, string> parse, List<string> corpus, out long checksum)
        {
            long sum = 0;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < corpus.Count; i++)
            {
                string href = parse(corpus[i]);
                if (href != null) sum += href.Length;
            }
            double ns = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / corpus.Count;
            checksum = sum;
            return ns;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Text;

namespace EchoNet.Bench
{
    /// <summary>
    /// A deterministic corpus of varied URLs: special and non-special schemes, domains, IPv4,
    /// IPv6, IDN hosts, userinfo, ports, paths with dot segments and percent-encoding, queries
    /// with repeated keys, fragments, and a few inputs that are not valid URLs.
    /// </summary>
    internal static class UrlCorpus
    {
        private static readonly string[] Special = { "http", "https", "https", "https", "ws", "wss", "ftp", "HTTP", "Https" };
        private static readonly string[] Tlds = { "com", "org", "net", "de", "io", "example", "co.uk", "jp" };
        private static readonly string[] Idn =
        {
            "münchen.example", "bücher.de", "例え.テスト", "пример.рф", "xn--nxasmq6b.com", "faß.de",
            "ελληνικά.gr", "日本語.jp", "straße.example", "café.fr",
        };
        private static readonly string[] Words = { "api", "v1", "v2", "users", "items", "search", "index.html", "static", "img", "a b", "caf\u00e9", "%7Euser", "docs", "..", ".", "file.tar.gz", "x%20y", "Ä", "q&a" };
        private static readonly string[] Keys = { "q", "id", "page", "sort", "lang", "utm_source", "a", "b", "filter[]" };
        private static readonly string[] Values = { "1", "42", "hello world", "a+b", "%E2%9C%93", "caf\u00e9", "", "x=y", "true", "\u00fc" };

        public static List<string> Generate(int count, int seed = 5)
        {
            var random = new Random(seed);
            var list = new List<string>(count);
            var sb = new StringBuilder(256);
            for (int i = 0; i < count; i++)
            {
                sb.Clear();
                int kind = random.Next(100);
                if (kind < 70) Hierarchical(sb, random);
                else if (kind < 78) File(sb, random);
                else if (kind < 96) NonSpecial(sb, random);
                else Odd(sb, random);
                list.Add(sb.ToString());
            }
            return list;
        }

        private static void Hierarchical(StringBuilder sb, Random r)
        {
            sb.Append(Pick(r, Special)).Append("://");
            if (r.Next(10) == 0) sb.Append("user").Append(r.Next(100)).Append(r.Next(2) == 0 ? ":p%40ss" : ":secret").Append('@');
            else if (r.Next(20) == 0) sb.Append("anonymous@");
            Host(sb, r);
            int p = r.Next(10);
            if (p == 0) sb.Append(":8080");
            else if (p == 1) sb.Append(':').Append(r.Next(1, 65536));
            else if (p == 2) sb.Append(":443");
            else if (p == 3) sb.Append(":80");
            Path(sb, r);
            Query(sb, r);
            if (r.Next(5) == 0) sb.Append("#section-").Append(r.Next(20)).Append(r.Next(4) == 0 ? " top" : "");
        }

        private static void Host(StringBuilder sb, Random r)
        {
            int h = r.Next(100);
            if (h < 65)
            {
                int labels = r.Next(1, 4);
                for (int l = 0; l < labels; l++) sb.Append(Label(r)).Append('.');
                sb.Append(Pick(r, Tlds));
            }
            else if (h < 75) sb.Append(r.Next(1, 255)).Append('.').Append(r.Next(256)).Append('.').Append(r.Next(256)).Append('.').Append(r.Next(1, 255));
            else if (h < 77) sb.Append("0x7f.1");
            else if (h < 87)
            {
                switch (r.Next(5))
                {
                    case 0: sb.Append("[::1]"); break;
                    case 1: sb.Append("[2001:db8::").Append(r.Next(1, 65535).ToString("x")).Append(']'); break;
                    case 2: sb.Append("[fe80::1:2:3:").Append(r.Next(65535).ToString("x")).Append(']'); break;
                    case 3: sb.Append("[2001:DB8:0:0:8:800:200C:417A]"); break;
                    default: sb.Append("[::ffff:192.0.2.").Append(r.Next(1, 255)).Append(']'); break;
                }
            }
            else if (h < 97) sb.Append(Pick(r, Idn));
            else sb.Append("WWW.").Append(Label(r).ToUpperInvariant()).Append(".COM");
        }

        private static string Label(Random r)
        {
            const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
            int len = r.Next(2, 12);
            var c = new char[len];
            for (int i = 0; i < len; i++) c[i] = chars[r.Next(i == 0 ? 26 : chars.Length)];
            if (len > 4 && r.Next(6) == 0) c[len / 2] = '-';
            return new string(c);
        }

        private static void Path(StringBuilder sb, Random r)
        {
            int segments = r.Next(0, 5);
            if (segments == 0 && r.Next(2) == 0) return;
            for (int s = 0; s < segments; s++) sb.Append('/').Append(Pick(r, Words));
            if (segments == 0 || r.Next(4) == 0) sb.Append('/');
        }

        private static void Query(StringBuilder sb, Random r)
        {
            if (r.Next(2) == 0) return;
            sb.Append('?');
            int pairs = r.Next(1, 5);
            for (int i = 0; i < pairs; i++)
            {
                if (i > 0) sb.Append('&');
                sb.Append(Pick(r, Keys)).Append('=').Append(Pick(r, Values));
            }
        }

        private static void File(StringBuilder sb, Random r)
        {
            switch (r.Next(4))
            {
                case 0: sb.Append("file:///home/user").Append(r.Next(50)).Append("/doc%20").Append(r.Next(9)).Append(".txt"); break;
                case 1: sb.Append("file:///C:/Users/").Append(Label(r)).Append("/a b.txt"); break;
                case 2: sb.Append("file://server").Append(r.Next(9)).Append("/share/").Append(Label(r)); break;
                default: sb.Append("FILE:///etc/").Append(Label(r)).Append("/../hosts"); break;
            }
        }

        /// <summary>
        /// file: URLs as lists of local documents hold them: POSIX paths, drive letters, server
        /// shares, percent-encoded spaces; one in ten needs the parser to rewrite it (a space,
        /// a dot segment, "localhost", a '|' drive letter, an uppercase scheme).
        /// </summary>
        public static List<string> FileUrls(int count, int seed = 11)
        {
            var random = new Random(seed);
            var list = new List<string>(count);
            var sb = new StringBuilder(128);
            for (int i = 0; i < count; i++)
            {
                sb.Clear();
                var r = random;
                switch (r.Next(10))
                {
                    case 0: case 1: case 2: sb.Append("file:///home/").Append(Label(r)).Append("/projects/").Append(Label(r)).Append("/src/file").Append(r.Next(1000)).Append(".txt"); break;
                    case 3: case 4: sb.Append("file:///C:/Users/").Append(Label(r)).Append("/Documents/report%20").Append(r.Next(100)).Append(".docx"); break;
                    case 5: sb.Append("file://fileserver").Append(r.Next(9)).Append(".example/share/").Append(Label(r)).Append("/item").Append(r.Next(1000)).Append(".bin"); break;
                    case 6: case 7: sb.Append("file:///var/log/").Append(Label(r)).Append('/').Append(r.Next(100000)).Append(".log"); break;
                    case 8: sb.Append("file:///tmp/").Append(Label(r)).Append("?v=").Append(r.Next(9)).Append('#').Append(Label(r)); break;
                    default:
                        switch (r.Next(5))
                        {
                            case 0: sb.Append("file:///home/a b/").Append(Label(r)); break;
                            case 1: sb.Append("file:///etc/").Append(Label(r)).Append("/../hosts"); break;
                            case 2: sb.Append("file://localhost/tmp/").Append(Label(r)); break;
                            case 3: sb.Append("file:///C|/").Append(Label(r)); break;
                            default: sb.Append("FILE:///").Append(Label(r)); break;
                        }
                        break;
                }
                list.Add(sb.ToString());
            }
            return list;
        }

        private static void NonSpecial(StringBuilder sb, Random r)
        {
            switch (r.Next(8))
            {
                case 0: sb.Append("mailto:").Append(Label(r)).Append('@').Append(Label(r)).Append(".example?subject=Hi%20there"); break;
                case 1: sb.Append("data:text/plain;charset=utf-8,").Append(Label(r)).Append("%20world"); break;
                case 2: sb.Append("urn:isbn:").Append(r.Next(100000000, 999999999)).Append(r.Next(10)); break;
                case 3: sb.Append("git+ssh://git@").Append(Label(r)).Append(".example:").Append(r.Next(1, 9999)).Append("/repo/").Append(Label(r)).Append(".git"); break;
                case 4: sb.Append("custom-scheme://").Append(Label(r)).Append("/path/").Append(Pick(r, Words)).Append("?x=").Append(r.Next(99)); break;
                case 5: sb.Append("redis://:pw@[::1]:").Append(6379 + r.Next(3)).Append('/').Append(r.Next(16)); break;
                case 6: sb.Append("tel:+1-555-").Append(r.Next(1000, 9999)); break;
                default: sb.Append("foo://").Append(Pick(r, Idn)).Append("/").Append(Pick(r, Words)).Append("#frag ment"); break;
            }
        }

        private static void Odd(StringBuilder sb, Random r)
        {
            switch (r.Next(6))
            {
                case 0: sb.Append("http://[::1"); break;                       // invalid IPv6
                case 1: sb.Append("https://exa mple.com/"); break;              // space in host
                case 2: sb.Append("  https://example.com/trim  "); break;       // leading/trailing spaces
                case 3: sb.Append("http://256.256.256.256/"); break;            // invalid IPv4
                case 4: sb.Append("https://example.com:99999/"); break;        // port out of range
                default: sb.Append("not a url ").Append(r.Next(1000)); break;  // relative, no scheme
            }
        }

        private static string Pick(Random r, string[] items) => items[r.Next(items.Length)];
    }
}

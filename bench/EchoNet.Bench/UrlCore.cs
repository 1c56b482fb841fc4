using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace EchoNet.Bench
{
    /// <summary>
    /// Finds EchoNet's URL parser core in bin/EchoNet.Core.dll without a compile-time reference (so
    /// the benchmark builds before the parser lands) and compiles a direct call
    /// <c>string -> href</c> with no reflection on the hot path.
    /// Looks in namespaces containing "Url" for a public static Parse/TryParse/TryCreate taking the
    /// input string first (a base URL parameter, if any, gets null), and reads Href from the result
    /// (directly, or through a Value/Url/Result property). ECHONET_BENCH_URL_ENTRY=Namespace.Type.Method
    /// picks the method explicitly.
    /// </summary>
    internal static class UrlCore
    {
        private static readonly string[] Names = { "Parse", "TryParse", "TryCreate", "Create" };
        private static readonly string[] Wrappers = { "Value", "Url", "Result" };

        public static Func<string, string> Find(string coreDll, out string description)
        {
            description = null;
            if (!File.Exists(coreDll)) { description = $"{coreDll} not found (build the module first)"; return null; }
            var assembly = Assembly.LoadFrom(coreDll);
            Type[] types;
            try { types = assembly.GetTypes(); }
            catch (ReflectionTypeLoadException e) { types = e.Types.Where(t => t != null).ToArray(); }

            string explicitEntry = Environment.GetEnvironmentVariable("ECHONET_BENCH_URL_ENTRY");
            IEnumerable<MethodInfo> candidates;
            if (!string.IsNullOrEmpty(explicitEntry))
            {
                int dot = explicitEntry.LastIndexOf('.');
                var type = assembly.GetType(explicitEntry.Substring(0, dot));
                candidates = type?.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == explicitEntry.Substring(dot + 1))
                    ?? Enumerable.Empty<MethodInfo>();
            }
            else
            {
                candidates = types
                    .Where(t => t.IsPublic && (t.Namespace ?? "").IndexOf("Url", StringComparison.OrdinalIgnoreCase) >= 0)
                    .OrderBy(t => t.Name.EndsWith("Parser", StringComparison.Ordinal) ? 0 : 1)
                    .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                    .Where(m => Names.Contains(m.Name))
                    .OrderBy(m => Array.IndexOf(Names, m.Name))
                    .ThenBy(m => m.GetParameters().Length);
            }
            foreach (var method in candidates)
            {
                var compiled = TryCompile(method);
                if (compiled == null) continue;
                try
                {
                    string href = compiled("https://example.com/a?b#c");
                    if (href == null || href.IndexOf("example.com", StringComparison.Ordinal) < 0) continue;
                }
                catch (Exception) { continue; }
                description = $"{method.DeclaringType.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
                return compiled;
            }
            description = "no URL parser entry point in EchoNet.Core yet (it lands with the url branch)";
            return null;
        }

        private static Func<string, string> TryCompile(MethodInfo method)
        {
            var ps = method.GetParameters();
            if (ps.Length == 0 || ps[0].ParameterType != typeof(string)) return null;
            var input = Expression.Parameter(typeof(string), "input");
            var args = new List<Expression> { input };
            var locals = new List<ParameterExpression>();
            ParameterExpression outValue = null;
            for (int i = 1; i < ps.Length; i++)
            {
                var p = ps[i];
                if (p.ParameterType.IsByRef && p.IsOut)
                {
                    if (outValue != null) return null;
                    outValue = Expression.Variable(p.ParameterType.GetElementType(), "result");
                    locals.Add(outValue);
                    args.Add(outValue);
                }
                else if (!p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) != null)
                {
                    args.Add(Expression.Constant(null, p.ParameterType));
                }
                else if (p.HasDefaultValue)
                {
                    args.Add(Expression.Constant(p.DefaultValue ?? Activator.CreateInstance(p.ParameterType), p.ParameterType));
                }
                else return null;
            }
            var call = Expression.Call(method, args);
            Expression body;
            if (outValue != null)
            {
                if (method.ReturnType != typeof(bool)) return null;
                var href = HrefOf(outValue);
                if (href == null) return null;
                body = Expression.Condition(call, href, Expression.Constant(null, typeof(string)));
            }
            else
            {
                var result = Expression.Variable(method.ReturnType, "parsed");
                locals.Add(result);
                var href = HrefOf(result);
                if (href == null) return null;
                body = Expression.Block(Expression.Assign(result, call), href);
            }
            body = Expression.Block(typeof(string), locals, body);
            try { return Expression.Lambda<Func<string, string>>(body, input).Compile(); }
            catch (Exception) { return null; }
        }

        /// <summary>value.Href, or value.Value.Href and the like; null-safe for reference types.</summary>
        private static Expression HrefOf(Expression value)
        {
            var direct = Property(value, "Href");
            if (direct != null) return NullSafe(value, direct);
            foreach (var name in Wrappers)
            {
                var inner = Property(value, name);
                if (inner == null) continue;
                var tmp = Expression.Variable(inner.Type, "inner");
                var href = Property(tmp, "Href");
                if (href == null) continue;
                return NullSafe(value, Expression.Block(typeof(string), new[] { tmp }, Expression.Assign(tmp, inner), NullSafe(tmp, href)));
            }
            return null;
        }

        private static Expression Property(Expression value, string name)
        {
            var p = value.Type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (p == null || p.GetIndexParameters().Length != 0) return null;
            Expression e = Expression.Property(value, p);
            if (name == "Href") return e.Type == typeof(string) ? e : Expression.Call(e, typeof(object).GetMethod("ToString"));
            return e;
        }

        private static Expression NullSafe(Expression value, Expression then)
        {
            if (value.Type.IsValueType) return then;
            return Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, typeof(string)), then);
        }

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

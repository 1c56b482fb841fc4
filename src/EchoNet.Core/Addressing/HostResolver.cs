using System.Linq;
using System.Net.Sockets;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Addressing
{
    /// <summary>Turns a host name or address literal into addresses, bounded in time.</summary>
    public static class HostResolver
    {
        /// <summary>Longest DNS name (RFC 1035: 253 characters in text form).</summary>
        public const int MaxHostNameLength = 253;

        /// <summary>Parses an address literal, with or without IPv6 brackets; null if it is not one.</summary>
        public static IPAddress ParseLiteral(string host)
        {
            if (string.IsNullOrWhiteSpace(host)) return null;
            var text = host.Trim();
            if (text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']')
                text = text.Substring(1, text.Length - 2);
            return IPAddress.TryParse(text, out var address) && (text.Contains(":") || text.Count(c => c == '.') == 3)
                ? address
                : null;
        }

        /// <summary>RFC 6761 asks resolvers to answer names under "invalid" negatively at once, without a query.</summary>
        private static bool IsReservedInvalid(string name)
        {
            var trimmed = name.TrimEnd('.');
            return string.Equals(trimmed, "invalid", StringComparison.OrdinalIgnoreCase)
                || trimmed.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
        }

        public static IPAddress[] Resolve(string host, int timeoutMs, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(host))
                throw new NetException(NetErrorKind.InvalidArgument, "The host name is empty.");
            var literal = ParseLiteral(host);
            if (literal != null) return new[] { literal };
            var name = host.Trim();
            if (name.Length > MaxHostNameLength)
                throw new NetException(NetErrorKind.InvalidArgument,
                    $"The host name is {name.Length} characters long; DNS allows at most {MaxHostNameLength}.");
            if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
                return new[] { IPAddress.Loopback, IPAddress.IPv6Loopback };
            if (IsReservedInvalid(name))
                throw new NetException(NetErrorKind.HostNotFound, $"Cannot resolve host '{name}': names under .invalid never exist (RFC 6761).");

            Task<IPAddress[]> lookup;
            try { lookup = Dns.GetHostAddressesAsync(name); }
            catch (Exception e) when (e is SocketException || e is ArgumentException)
            {
                throw new NetException(NetErrorKind.HostNotFound, $"Cannot resolve host '{name}': {e.Message}", e);
            }
            Waits.Wait(lookup, timeoutMs, cancel, $"Resolving host '{name}'");
            if (lookup.IsFaulted)
            {
                var inner = lookup.Exception.GetBaseException();
                throw new NetException(NetErrorKind.HostNotFound, $"Cannot resolve host '{name}': {inner.Message}", inner);
            }
            if (lookup.Result.Length == 0)
                throw new NetException(NetErrorKind.HostNotFound, $"Host '{name}' has no addresses.");
            return lookup.Result;
        }
    }
}

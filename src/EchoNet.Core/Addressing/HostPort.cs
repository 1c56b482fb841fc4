using System.Globalization;

namespace EchoNet.Addressing
{
    /// <summary>The "host:port" text form: written in messages, and read from -ComputerName.</summary>
    public static class HostPort
    {
        /// <summary>"host:port", with an IPv6 literal in brackets ("[::1]:7").</summary>
        public static string Format(string host, int port)
        {
            var text = (host ?? string.Empty).Trim();
            bool bareIPv6 = text.IndexOf(':') >= 0 && !text.StartsWith("[");
            return (bareIPv6 ? "[" + text + "]" : text) + ":" + port.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Splits "host:port" or "[v6]:port". False when the text names no port: a bare host
        /// name, a bare IPv6 literal ("::1", whose colons are not a port separator), or an
        /// unbracketed IPv6 literal with something after it. A port outside 1-65535 is returned
        /// as it is, for the caller to reject by name.
        /// </summary>
        public static bool TryParse(string text, out string host, out int port)
        {
            host = text;
            port = 0;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var trimmed = text.Trim();
            int colon = trimmed.LastIndexOf(':');
            if (colon <= 0 || colon == trimmed.Length - 1) return false;
            var head = trimmed.Substring(0, colon);
            if (head.IndexOf(':') >= 0 && !(head.StartsWith("[") && head.EndsWith("]"))) return false;
            if (!int.TryParse(trimmed.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)) return false;
            host = head.StartsWith("[") ? head.Substring(1, head.Length - 2) : head;
            return host.Length > 0;
        }
    }
}

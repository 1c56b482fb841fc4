using System.Globalization;
using System.Net.Sockets;
using System.Net;

namespace EchoNet.Addressing
{
    /// <summary>
    /// Reads IP address literals strictly, as inet_pton does: IPv4 only as four decimal parts with
    /// no leading zeros, IPv6 only in RFC 4291 text form. <see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// follows inet_aton instead, where 010 is octal 8 and 1.2.3 is 1.2.0.3: text that means one
    /// address to the reader and another to the parser (the class of CVE-2021-29921). Text that decides
    /// who may connect, or where a server listens, is read here.
    /// </summary>
    public static class AddressLiteral
    {
        /// <summary>
        /// The address in <paramref name="text"/> (IPv6 optionally in brackets, and with a %zone when
        /// <paramref name="allowZone"/>), or null with the reason in <paramref name="problem"/>.
        /// </summary>
        public static IPAddress Parse(string text, bool allowZone, out string problem)
        {
            problem = null;
            var literal = (text ?? string.Empty).Trim();
            if (literal.Length > 2 && literal[0] == '[' && literal[literal.Length - 1] == ']')
                literal = literal.Substring(1, literal.Length - 2);
            if (literal.IndexOf(':') >= 0) return ParseIPv6(literal, allowZone, out problem);

            foreach (char c in literal)
            {
                if (c != '.' && (c < '0' || c > '9'))
                {
                    problem = $"'{literal}' is not an IP address (like 192.0.2.1 or ::1).";
                    return null;
                }
            }
            var bytes = new byte[4];
            if (!TryParseDottedDecimal(literal, 0, literal.Length, bytes, 0, out problem))
            {
                problem = $"'{literal}' is not an IP address: {problem}";
                return null;
            }
            return new IPAddress(bytes);
        }

        private static IPAddress ParseIPv6(string literal, bool allowZone, out string problem)
        {
            problem = null;
            int zone = literal.IndexOf('%');
            if (zone >= 0 && !allowZone)
            {
                problem = $"'{literal}' has a zone (%{literal.Substring(zone + 1)}); zones name a local interface and do not apply here.";
                return null;
            }
            if (zone == literal.Length - 1)
            {
                problem = $"'{literal}' has an empty zone after '%'.";
                return null;
            }
            int end = zone < 0 ? literal.Length : zone;
            for (int i = 0; i < end; i++)
            {
                char c = literal[i];
                if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    problem = $"'{literal}' is not an IPv6 address: '{c}' may not appear in one.";
                    return null;
                }
            }
            int lastColon = literal.LastIndexOf(':', end - 1);
            if (literal.IndexOf('.', 0, end) >= 0
                && !TryParseDottedDecimal(literal, lastColon + 1, end, new byte[4], 0, out var embedded))
            {
                problem = $"'{literal}' is not an IPv6 address: its IPv4 part {embedded}";
                return null;
            }
            if (!IPAddress.TryParse(literal, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = $"'{literal}' is not an IPv6 address (like ::1, fd00::1 or ::ffff:192.0.2.1).";
                return null;
            }
            return address;
        }

        /// <summary>
        /// Four decimal numbers 0-255 separated by dots, each without a sign or leading zero, into
        /// <paramref name="into"/> at <paramref name="offset"/>; else false with what is wrong.
        /// </summary>
        private static bool TryParseDottedDecimal(string text, int start, int end, byte[] into, int offset, out string problem)
        {
            problem = null;
            int part = 0;
            int partStart = start;
            for (int i = start; i <= end; i++)
            {
                if (i < end && text[i] != '.') continue;
                var digits = text.Substring(partStart, i - partStart);
                if (part == 4)
                {
                    problem = "an IPv4 address has four parts, not more.";
                    return false;
                }
                if (digits.Length == 0 || digits.Length > 3 || !IsDigits(digits))
                {
                    problem = digits.Length == 0
                        ? "a part is empty; IPv4 is four decimal numbers 0-255 joined by dots (like 192.0.2.1)."
                        : $"'{digits}' is not a decimal number 0-255; IPv4 is four of them joined by dots (like 192.0.2.1).";
                    return false;
                }
                if (digits.Length > 1 && digits[0] == '0')
                {
                    problem = $"'{digits}' has a leading zero, which some software reads as octal ({ReadAsOctal(digits)}) and some as decimal; write it without leading zeros ({int.Parse(digits, CultureInfo.InvariantCulture)}).";
                    return false;
                }
                int value = int.Parse(digits, CultureInfo.InvariantCulture);
                if (value > 255)
                {
                    problem = $"'{digits}' is larger than 255.";
                    return false;
                }
                into[offset + part++] = (byte)value;
                partStart = i + 1;
            }
            if (part != 4)
            {
                problem = $"it has {part} part{(part == 1 ? "" : "s")}; IPv4 is four decimal numbers 0-255 joined by dots (like 192.0.2.1), not a short form.";
                return false;
            }
            return true;
        }

        private static bool IsDigits(string text)
        {
            foreach (char c in text)
                if (c < '0' || c > '9') return false;
            return true;
        }

        private static string ReadAsOctal(string digits)
        {
            int value = 0;
            foreach (char c in digits)
            {
                if (c > '7') return "not even valid octal";
                value = value * 8 + (c - '0');
            }
            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}

using System.Collections.Generic;
using System.Globalization;

namespace EchoNet.Addressing
{
    /// <summary>
    /// Ports as people type them: "80", "1-1024", "7195..7210", and lists of those separated by
    /// commas ("80,443,8000-8100"). Ranges are inclusive and kept in the order written; a range
    /// may not run backwards. Results are values: the ports, or the reason they are not ports.
    /// </summary>
    public static class PortList
    {
        /// <summary>Appends the ports <paramref name="text"/> names to <paramref name="into"/>; false with the reason when it names none.</summary>
        public static bool TryAdd(string text, List<int> into, out string problem)
        {
            problem = null;
            foreach (var raw in (text ?? "").Split(','))
            {
                var item = raw.Trim();
                if (item.Length == 0) { problem = $"'{text}' has an empty item; write ports as 80, 1-1024 or 7195..7210."; return false; }
                int dots = item.IndexOf("..", System.StringComparison.Ordinal);
                int dash = dots < 0 ? item.IndexOf('-', 1) : -1;
                if (dots < 0 && dash < 0)
                {
                    if (!TryPort(item, text, out int port, out problem)) return false;
                    into.Add(port);
                    continue;
                }
                string first = dots >= 0 ? item.Substring(0, dots) : item.Substring(0, dash);
                string last = dots >= 0 ? item.Substring(dots + 2) : item.Substring(dash + 1);
                if (!TryPort(first.Trim(), text, out int from, out problem) || !TryPort(last.Trim(), text, out int to, out problem)) return false;
                if (to < from) { problem = $"The range {item} runs backwards; write {to}-{from}."; return false; }
                for (int p = from; p <= to; p++) into.Add(p);
            }
            return true;
        }

        private static bool TryPort(string item, string whole, out int port, out string problem)
        {
            problem = null;
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                problem = $"'{item}' in '{whole}' is not a port number; write ports as 80, 1-1024 or 7195..7210.";
                return false;
            }
            if (port < 1 || port > 65535)
            {
                problem = $"Port {port} in '{whole}' is out of range: ports are 1 to 65535.";
                return false;
            }
            return true;
        }
    }
}

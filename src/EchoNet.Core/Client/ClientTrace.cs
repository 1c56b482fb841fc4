using System.Collections.Generic;

namespace EchoNet.Client
{
    /// <summary>
    /// Lines of trace a conversation gathers (names resolved, addresses tried, TLS, bytes, how a
    /// reply ended) for its caller to show. Callers pass null when nobody will read them, so
    /// the hot path formats nothing.
    /// </summary>
    public sealed class ClientTrace
    {
        private readonly List<string> _lines = new List<string>();

        public void Add(string line)
        {
            lock (_lines) _lines.Add(line);
        }

        /// <summary>The lines gathered since the last call, oldest first.</summary>
        public IReadOnlyList<string> Drain()
        {
            lock (_lines)
            {
                if (_lines.Count == 0) return System.Array.Empty<string>();
                var lines = _lines.ToArray();
                _lines.Clear();
                return lines;
            }
        }
    }
}

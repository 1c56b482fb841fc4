using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>
    /// The TCP sessions open in this process. Process-wide on purpose, as servers are: a session
    /// opened in one runspace is visible, usable and closable from another.
    /// </summary>
    public static class TcpSessionRegistry
    {
        private static readonly object Gate = new object();
        private static readonly SortedDictionary<int, TcpSession> Sessions = new SortedDictionary<int, TcpSession>();
        private static int _lastId;

        internal static int Add(TcpSession session)
        {
            int id = Interlocked.Increment(ref _lastId);
            lock (Gate) Sessions[id] = session;
            return id;
        }

        internal static void Remove(TcpSession session)
        {
            lock (Gate) Sessions.Remove(session.Id);
        }

        public static IReadOnlyList<TcpSession> All()
        {
            lock (Gate) return Sessions.Values.ToList();
        }

        public static void CloseAll()
        {
            foreach (var session in All()) session.Close();
        }
    }
}

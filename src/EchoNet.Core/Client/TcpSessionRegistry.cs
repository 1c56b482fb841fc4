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

        /// <summary>
        /// Sessions held (not disconnected) at which Connect-TcpSession first warns; it warns again
        /// each time the number doubles. Each holds a socket (a file descriptor: many systems allow
        /// 1024 per process) and its buffers, and nothing reclaims a session but a disconnect.
        /// </summary>
        public const int ManySessions = 256;

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

        /// <summary>
        /// A warning when the sessions held have just reached <see cref="ManySessions"/> or a
        /// doubling of it (so a loop that never disconnects hears of it a few times, not each time), or null.
        /// </summary>
        public static string ManySessionsWarning()
        {
            int held;
            lock (Gate) held = Sessions.Count;
            if (held < ManySessions || (held & (held - 1)) != 0) return null;
            return $"{held} TCP sessions are held in this process and not disconnected. Each keeps a socket (a file descriptor) and what it " +
                   "buffered until Disconnect-TcpSession or Remove-Module: sessions are never reclaimed on their own, and too many starve " +
                   "servers and other connections of descriptors. Free those no longer needed: Get-TcpSession -IncludeClosed | Disconnect-TcpSession.";
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

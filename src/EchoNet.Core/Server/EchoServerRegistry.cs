using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace EchoNet
{
    /// <summary>
    /// The servers running in this process. Process-wide on purpose: servers started in one
    /// runspace (ForEach-Object -Parallel, a job thread) are visible and stoppable from another.
    /// </summary>
    public static class EchoServerRegistry
    {
        private static readonly object Gate = new object();
        private static readonly SortedDictionary<int, EchoServer> Servers = new SortedDictionary<int, EchoServer>();
        private static int _lastId;

        internal static void Add(EchoServer server)
        {
            server.Id = Interlocked.Increment(ref _lastId);
            lock (Gate) Servers[server.Id] = server;
        }

        internal static void Remove(EchoServer server)
        {
            lock (Gate) Servers.Remove(server.Id);
        }

        public static IReadOnlyList<EchoServer> All()
        {
            lock (Gate) return Servers.Values.ToList();
        }

        public static void StopAll()
        {
            foreach (var server in All()) server.Stop();
        }
    }
}

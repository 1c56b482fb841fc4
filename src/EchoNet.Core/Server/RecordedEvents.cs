using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Serving;

namespace EchoNet
{
    /// <summary>
    /// Reads what servers started with -Record kept (Receive-EchoServerEvent), from any thread or
    /// runspace of the process: the events in arrival order, removed as they are read unless kept.
    /// </summary>
    public static class RecordedEvents
    {
        /// <summary>
        /// The recorded events of <paramref name="servers"/> whose kind is in <paramref name="kinds"/>
        /// (every kind when null or empty), each server's in arrival order. With <paramref name="wait"/>
        /// and none at hand, blocks until one arrives, <paramref name="timeout"/> passes
        /// (<see cref="Timeout.InfiniteTimeSpan"/>: never), every server has stopped, or
        /// <paramref name="cancel"/> is cancelled; then returns what there is (perhaps nothing).
        /// Servers that do not record are passed over.
        /// </summary>
        public static List<EchoServerEvent> Receive(IEnumerable<EchoServer> servers, EchoServerEventKind[] kinds,
            bool keep, bool wait, TimeSpan timeout, CancellationToken cancel)
        {
            var journals = servers.Where(s => s != null && s.Journal != null).Select(s => s.Journal).Distinct().ToList();
            Func<EchoServerEvent, bool> wanted = kinds == null || kinds.Length == 0
                ? (Func<EchoServerEvent, bool>)(_ => true)
                : e => Array.IndexOf(kinds, e.Kind) >= 0;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                // Ask to be woken before looking, so an event that arrives in between is not missed.
                var changed = wait ? journals.Select(j => j.WhenChanged()).ToArray() : null;
                var taken = new List<EchoServerEvent>();
                foreach (var journal in journals) taken.AddRange(journal.Take(wanted, keep));
                if (taken.Count > 0 || !wait || journals.Count == 0 || journals.All(j => j.Completed)) return taken;
                int remaining = Remaining(timeout, clock);
                if (remaining == 0) return taken;
                try { Task.WaitAny(changed, remaining, cancel); }
                catch (OperationCanceledException) { return taken; }
            }
        }

        /// <summary>Milliseconds left (-1: no limit, 0: none left).</summary>
        private static int Remaining(TimeSpan timeout, Stopwatch clock)
        {
            if (timeout == Timeout.InfiniteTimeSpan) return Timeout.Infinite;
            double left = (timeout - clock.Elapsed).TotalMilliseconds;
            return left <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left));
        }
    }
}

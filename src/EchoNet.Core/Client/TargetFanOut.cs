using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>
    /// Several targets at once: each gets every message in order, up to a throttle of targets in
    /// parallel. Workers gather each target's reports and put the target's index in a queue when
    /// its conversation ends; the caller takes them out on its own thread with <see cref="Reports"/>,
    /// so only that thread ever writes anything, and hands them on in the order the targets were
    /// asked for (a target's reports wait for those of the targets before it), not as they finish.
    /// </summary>
    internal sealed class TargetFanOut
    {
        private readonly IReadOnlyList<ClientTarget> _targets;
        private readonly IReadOnlyList<ClientPayload> _payloads;
        private readonly ClientPlan _plan;
        private readonly int _throttle;

        /// <summary>A conversation's calls are shallow; a small stack keeps 1,000 workers cheap.</summary>
        private const int WorkerStackBytes = 256 * 1024;
        private int _done;

        public TargetFanOut(IReadOnlyList<ClientTarget> targets, IReadOnlyList<ClientPayload> payloads, ClientPlan plan)
        {
            _targets = targets;
            _payloads = payloads;
            _plan = plan;
            _throttle = Math.Max(1, plan.ThrottleLimit);
        }

        public int TargetCount => _targets.Count;

        /// <summary>Targets whose conversation has ended so far.</summary>
        public int TargetsDone => Volatile.Read(ref _done);

        /// <summary>
        /// Runs every conversation and yields their reports as they come, until all have ended.
        /// A caller that stops early (the pipeline was stopped) cancels the rest and waits for the
        /// workers to finish, so no worker outlives the enumeration.
        /// </summary>
        /// <remarks>
        /// The workers are threads of their own, not thread-pool threads: a conversation blocks
        /// while it connects and reads, and the socket completions it waits for are themselves
        /// run on the pool. Hundreds of pool threads blocked at once starved those completions,
        /// so healthy targets timed out and were reported closed.
        /// </remarks>
        public IEnumerable<ClientReport> Reports(CancellationToken cancel)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            using (var queue = new BlockingCollection<int>())
            {
                var reportsOf = new List<ClientReport>[_targets.Count];
                int nextInOrder = 0;
                var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
                int next = -1;
                int running = Math.Min(_throttle, _targets.Count);
                var workers = new Thread[running];
                for (int i = 0; i < workers.Length; i++)
                {
                    workers[i] = new Thread(() =>
                    {
                        try
                        {
                            int index;
                            while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < _targets.Count)
                            {
                                reportsOf[index] = Converse(_targets[index], stop.Token);
                                queue.Add(index);
                            }
                        }
                        catch (Exception e)
                        {
                            // Rethrown on the caller's thread: an exception on this thread would end the process.
                            failures.Enqueue(ExceptionDispatchInfo.Capture(e));
                            stop.Cancel();
                        }
                        finally
                        {
                            if (Interlocked.Decrement(ref running) == 0) queue.CompleteAdding();
                        }
                    }, WorkerStackBytes) { IsBackground = true, Name = "EchoNet target" };
                    workers[i].Start();
                }
                try
                {
                    foreach (var _ in queue.GetConsumingEnumerable())
                    {
                        // The queue's hand-over makes the worker's list visible here.
                        for (; nextInOrder < reportsOf.Length && reportsOf[nextInOrder] != null; nextInOrder++)
                        {
                            foreach (var report in reportsOf[nextInOrder]) yield return report;
                            reportsOf[nextInOrder] = null;
                        }
                    }
                }
                finally
                {
                    stop.Cancel();
                    foreach (var worker in workers) worker.Join();
                }
                if (failures.TryDequeue(out var failure)) failure.Throw();
            }
        }

        private List<ClientReport> Converse(ClientTarget target, CancellationToken cancel)
        {
            var reports = new List<ClientReport>();
            using (var conversation = _plan.Open(target, cancel))
            {
                foreach (var payload in _payloads)
                {
                    if (cancel.IsCancellationRequested) break;
                    reports.AddRange(conversation.Send(payload));
                }
                reports.AddRange(conversation.Close());
            }
            Interlocked.Increment(ref _done);
            return reports;
        }
    }
}

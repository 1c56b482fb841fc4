using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>
    /// Several targets at once: each gets every message in order, up to a throttle of targets in
    /// parallel. Workers put their reports in a queue; the caller takes them out on its own
    /// thread with <see cref="Reports"/>, so only that thread ever writes anything.
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
            using (var queue = new BlockingCollection<ClientReport>())
            {
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
                                Converse(_targets[index], queue, stop.Token);
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
                    foreach (var report in queue.GetConsumingEnumerable()) yield return report;
                }
                finally
                {
                    stop.Cancel();
                    foreach (var worker in workers) worker.Join();
                }
                if (failures.TryDequeue(out var failure)) failure.Throw();
            }
        }

        private void Converse(ClientTarget target, BlockingCollection<ClientReport> queue, CancellationToken cancel)
        {
            using (var conversation = _plan.Open(target, cancel))
            {
                foreach (var payload in _payloads)
                {
                    if (cancel.IsCancellationRequested) break;
                    foreach (var report in conversation.Send(payload)) queue.Add(report);
                }
                foreach (var report in conversation.Close()) queue.Add(report);
            }
            Interlocked.Increment(ref _done);
        }
    }
}

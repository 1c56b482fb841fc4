using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Client
{
    /// <summary>Opens the conversation with one target; called on worker threads.</summary>
    public delegate ITargetConversation ConversationOpener(ClientTarget target, CancellationToken cancel);

    /// <summary>
    /// Several targets at once: each gets every message in order, up to a throttle of targets in
    /// parallel. Workers put their reports in a queue; the caller takes them out on its own
    /// thread with <see cref="Reports"/>, so only that thread ever writes anything.
    /// </summary>
    public sealed class TargetFanOut
    {
        private readonly IReadOnlyList<ClientTarget> _targets;
        private readonly IReadOnlyList<ClientPayload> _payloads;
        private readonly ConversationOpener _open;
        private readonly int _throttle;
        private int _done;

        public TargetFanOut(IReadOnlyList<ClientTarget> targets, IReadOnlyList<ClientPayload> payloads, ConversationOpener open, int throttle)
        {
            _targets = targets;
            _payloads = payloads;
            _open = open;
            _throttle = Math.Max(1, throttle);
        }

        public int TargetCount => _targets.Count;

        /// <summary>Targets whose conversation has ended so far.</summary>
        public int TargetsDone => Volatile.Read(ref _done);

        /// <summary>
        /// Runs every conversation and yields their reports as they come, until all have ended.
        /// A caller that stops early (the pipeline was stopped) cancels the rest and waits for the
        /// workers to finish, so no worker outlives the enumeration.
        /// </summary>
        public IEnumerable<ClientReport> Reports(CancellationToken cancel)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            using (var queue = new BlockingCollection<ClientReport>())
            {
                var work = Task.Run(() =>
                {
                    try
                    {
                        Parallel.ForEach(_targets, new ParallelOptions { MaxDegreeOfParallelism = _throttle },
                            target => Converse(target, queue, stop.Token));
                    }
                    finally { queue.CompleteAdding(); }
                });
                try
                {
                    foreach (var report in queue.GetConsumingEnumerable()) yield return report;
                }
                finally
                {
                    stop.Cancel();
                    work.Wait();
                }
            }
        }

        private void Converse(ClientTarget target, BlockingCollection<ClientReport> queue, CancellationToken cancel)
        {
            using (var conversation = _open(target, cancel))
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

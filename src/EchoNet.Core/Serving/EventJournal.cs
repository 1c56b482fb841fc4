using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace EchoNet.Serving
{
    /// <summary>
    /// What a server started with -Record keeps: its events in arrival order (WireMock's request
    /// journal), bounded by the bytes they hold. When a new event would pass the limit the oldest
    /// go and <see cref="Dropped"/> counts them. Any thread may add, take or wait.
    /// </summary>
    internal sealed class EventJournal
    {
        /// <summary>
        /// What an event costs against the limit besides its data: an object, a time and an
        /// endpoint. It keeps a flood of one-byte chunks bounded as well as a few large ones.
        /// </summary>
        public const int EventOverhead = 256;

        private readonly object _gate = new object();
        private readonly LinkedList<EchoServerEvent> _events = new LinkedList<EchoServerEvent>();
        private readonly long _limit;
        private long _held;
        private long _dropped;
        private DateTime _lastTime = DateTime.MinValue;
        private bool _completed;
        private TaskCompletionSource<bool> _changed;

        public EventJournal(long limit) => _limit = limit;

        public long Limit => _limit;

        /// <summary>Events dropped (oldest first) to stay within the limit.</summary>
        public long Dropped { get { lock (_gate) return _dropped; } }

        /// <summary>True once the server stopped: nothing more will arrive.</summary>
        public bool Completed { get { lock (_gate) return _completed; } }

        public void Add(EchoServerEvent e)
        {
            TaskCompletionSource<bool> changed;
            lock (_gate)
            {
                if (_completed) return;
                // Events are stamped when made, on many threads, and may arrive here out of that
                // order: one stamped earlier than the last recorded one takes its time, which lies
                // between the event's making and its recording, so journal order is time order.
                e.NotBefore(_lastTime);
                _lastTime = e.Time;
                _events.AddLast(e);
                _held += Cost(e);
                while (_held > _limit && _events.First != null)
                {
                    _held -= Cost(_events.First.Value);
                    _events.RemoveFirst();
                    _dropped++;
                }
                changed = TakeWaiters();
            }
            changed?.TrySetResult(true);
        }

        /// <summary>The server stopped: what is kept stays readable; waiters wake up.</summary>
        public void Complete()
        {
            TaskCompletionSource<bool> changed;
            lock (_gate)
            {
                _completed = true;
                changed = TakeWaiters();
            }
            changed?.TrySetResult(true);
        }

        /// <summary>
        /// The kept events that <paramref name="wanted"/> accepts, oldest first; removed unless
        /// <paramref name="keep"/>. Others stay where they are.
        /// </summary>
        public List<EchoServerEvent> Take(Func<EchoServerEvent, bool> wanted, bool keep)
        {
            var taken = new List<EchoServerEvent>();
            lock (_gate)
            {
                var node = _events.First;
                while (node != null)
                {
                    var next = node.Next;
                    if (wanted(node.Value))
                    {
                        taken.Add(node.Value);
                        if (!keep)
                        {
                            _held -= Cost(node.Value);
                            _events.Remove(node);
                        }
                    }
                    node = next;
                }
            }
            return taken;
        }

        /// <summary>
        /// A task that completes when the next event arrives or the server stops. Ask for it before
        /// <see cref="Take"/>, so an event that arrives in between is not missed.
        /// </summary>
        public Task WhenChanged()
        {
            lock (_gate)
            {
                if (_completed) return Task.CompletedTask;
                if (_changed == null) _changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _changed.Task;
            }
        }

        private TaskCompletionSource<bool> TakeWaiters()
        {
            var changed = _changed;
            _changed = null;
            return changed;
        }

        private static long Cost(EchoServerEvent e) => EventOverhead + (e.Data?.Length ?? 0);
    }
}

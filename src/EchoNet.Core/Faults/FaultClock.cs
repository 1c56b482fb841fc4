using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace EchoNet.Faults
{
    /// <summary>
    /// One thread per server that runs fault steps when they are due (a delayed chunk, the next
    /// slice, a slow close), in due order and, for the same time, in the order they were asked for.
    /// Steps must be quick (they queue bytes on a connection); one that throws is dropped, the
    /// clock goes on. Started on first use, so a server without faults has no thread.
    /// </summary>
    internal sealed class FaultClock : IDisposable
    {
        private readonly List<DueStep> _heap = new List<DueStep>();
        private readonly object _lock = new object();
        private long _sequence;
        private bool _disposed;
        private Thread _thread;

        private struct DueStep
        {
            public long Due;
            public long Sequence;
            public Action Action;
        }

        public static long Now => Stopwatch.GetTimestamp();

        /// <summary>A Stopwatch timestamp <paramref name="milliseconds"/> from <paramref name="from"/>.</summary>
        public static long After(long from, double milliseconds) => from + (long)(milliseconds * Stopwatch.Frequency / 1000);

        /// <summary>Runs <paramref name="action"/> on the clock's thread at <paramref name="due"/> (a Stopwatch timestamp).</summary>
        public void At(long due, Action action)
        {
            lock (_lock)
            {
                if (_disposed) return;
                if (_thread == null)
                {
                    _thread = new Thread(Run) { IsBackground = true, Name = "EchoNet faults" };
                    _thread.Start();
                }
                Push(new DueStep { Due = due, Sequence = _sequence++, Action = action });
                if (_heap[0].Sequence == _sequence - 1) Monitor.Pulse(_lock); // a new earliest step
            }
        }

        private void Run()
        {
            while (true)
            {
                Action action;
                lock (_lock)
                {
                    while (true)
                    {
                        if (_disposed) return;
                        if (_heap.Count == 0) { Monitor.Wait(_lock); continue; }
                        long wait = _heap[0].Due - Now;
                        if (wait <= 0) break;
                        Monitor.Wait(_lock, (int)Math.Min(int.MaxValue, (wait * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
                    }
                    action = Pop().Action;
                }
                try { action(); }
                catch (Exception) { /* a step that fails (a connection gone) must not stop the others */ }
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _heap.Clear();
                Monitor.PulseAll(_lock);
            }
        }

        private static bool Before(DueStep a, DueStep b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

        private void Push(DueStep step)
        {
            _heap.Add(step);
            int i = _heap.Count - 1;
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Before(_heap[i], _heap[parent])) break;
                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
        }

        private DueStep Pop()
        {
            var top = _heap[0];
            int last = _heap.Count - 1;
            _heap[0] = _heap[last];
            _heap.RemoveAt(last);
            int i = 0;
            while (true)
            {
                int left = 2 * i + 1, right = left + 1, least = i;
                if (left < _heap.Count && Before(_heap[left], _heap[least])) least = left;
                if (right < _heap.Count && Before(_heap[right], _heap[least])) least = right;
                if (least == i) break;
                (_heap[i], _heap[least]) = (_heap[least], _heap[i]);
                i = least;
            }
            return top;
        }
    }
}

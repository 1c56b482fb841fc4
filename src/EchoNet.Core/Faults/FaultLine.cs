using System;
using System.Collections.Generic;
using System.Diagnostics;
using EchoNet.Server;

namespace EchoNet.Faults
{
    /// <summary>
    /// One direction of one faulted TCP connection: bytes go in as they arrive and come out (to the
    /// connection, or to the service for upstream) in order, after the latency, at the bandwidth,
    /// in slices, up to a limit that ends the connection with a FIN or an RST, or swallowed by a
    /// blackhole. Each chunk's latency is fixed when it arrives; bandwidth, slices, limits and the
    /// blackhole are read as the bytes go out, so a change applies at once. Single-minded: one
    /// lock, steps run by the caller or the server's <see cref="FaultClock"/>.
    /// </summary>
    internal sealed class FaultLine
    {
        /// <summary>Bytes waiting here above which the connection stops reading (backpressure).</summary>
        public const int HoldLimit = 256 * 1024;

        // Bandwidth is metered in steps of about 1/50 s: smooth enough, few clock steps.
        private const int BandwidthStepsPerSecond = 50;

        private readonly object _lock = new object();
        private readonly Queue<Chunk> _queue = new Queue<Chunk>();
        private readonly FaultPlan _plan;
        private readonly FaultDirection _direction;
        private readonly IFaultTarget _target;
        private readonly Random _random;
        private readonly Action _pump;
        private long _lastDue;
        private long _freeAt;
        private long _passed;
        private int _buffered;
        private bool _scheduledAt;
        private bool _ended;

        private sealed class Chunk
        {
            public byte[] Data;
            public int Offset;
            public int Count;
            public long Due;
            public bool IsEnd;
            public bool Reset;
        }

        public FaultLine(FaultPlan plan, FaultDirection direction, IFaultTarget target, Random random)
        {
            _plan = plan;
            _direction = direction;
            _target = target;
            _random = random;
            _pump = () => { lock (_lock) { _scheduledAt = false; Pump(); } };
        }

        /// <summary>Bytes waiting in this line.</summary>
        public int Buffered { get { lock (_lock) return _buffered; } }

        /// <summary>Takes <paramref name="data"/> (the caller gives it up) to pass on after the faults.</summary>
        public void Add(byte[] data, int offset, int count)
        {
            if (count == 0) return;
            lock (_lock)
            {
                if (_ended) return;
                long now = FaultClock.Now;
                var faults = Faults();
                double delay = faults == null ? 0 : faults.Latency + (faults.Jitter > 0 ? (_random.NextDouble() * 2 - 1) * faults.Jitter : 0);
                if (delay > 0) _plan.Counters.FaultDelayed(count);
                long due = Math.Max(FaultClock.After(now, Math.Max(0, delay)), _lastDue); // order is kept
                _lastDue = due;
                _queue.Enqueue(new Chunk { Data = data, Offset = offset, Count = count, Due = due });
                _buffered += count;
                Pump();
            }
        }

        /// <summary>Ends the connection after everything before (after -SlowClose, when it applies).</summary>
        public void AddEnd(bool reset)
        {
            lock (_lock)
            {
                if (_ended) return;
                _lastDue = Math.Max(FaultClock.Now, _lastDue);
                _queue.Enqueue(new Chunk { IsEnd = true, Reset = reset, Due = _lastDue });
                Pump();
            }
        }

        /// <summary>The connection is gone: nothing more goes out.</summary>
        public void Discard()
        {
            lock (_lock)
            {
                _ended = true;
                _queue.Clear();
                _buffered = 0;
            }
        }

        /// <summary>The faults acting on this line now, or null when none does.</summary>
        private EchoFaults Faults() => _target.FaultsFor(_direction);

        /// <summary>Under the lock: passes on what is due; asks the clock to come back for the rest.</summary>
        private void Pump()
        {
            while (_queue.Count > 0 && !_ended)
            {
                var chunk = _queue.Peek();
                long now = FaultClock.Now;
                if (chunk.Due > now) { Schedule(chunk.Due); return; }
                if (_freeAt > now) { Schedule(_freeAt); return; }
                var faults = Faults();
                if (chunk.IsEnd)
                {
                    _queue.Dequeue();
                    _ended = true;
                    int slow = _direction == FaultDirection.Downstream ? faults?.SlowClose ?? 0 : 0; // the server closes: downstream
                    if (slow > 0) _plan.Clock.At(FaultClock.After(now, slow), () => _target.End(_direction, chunk.Reset));
                    else _target.End(_direction, chunk.Reset);
                    return;
                }
                if (faults != null && faults.Blackhole)
                {
                    _queue.Dequeue();
                    _buffered -= chunk.Count;
                    _plan.Counters.FaultBlackholed(chunk.Count);
                    Drained(chunk.Count);
                    continue;
                }
                if (!PassOn(chunk, faults, now)) return;
            }
        }

        /// <summary>Passes on the next piece of <paramref name="chunk"/>; false when the line ended.</summary>
        private bool PassOn(Chunk chunk, EchoFaults faults, long now)
        {
            int piece = chunk.Count;
            long limit = -1;
            bool reset = false;
            if (faults != null)
            {
                if (faults.Slice > 0) piece = Math.Min(piece, faults.Slice);
                if (faults.Bandwidth > 0) piece = (int)Math.Min(piece, Math.Max(1, faults.Bandwidth / BandwidthStepsPerSecond));
                if (faults.ResetAfter > 0) { limit = faults.ResetAfter; reset = true; }
                if (faults.LimitData > 0 && (limit < 0 || faults.LimitData < limit)) { limit = faults.LimitData; reset = false; }
                if (limit >= 0) piece = (int)Math.Max(0, Math.Min(piece, limit - _passed));
            }
            if (piece > 0)
            {
                _target.Deliver(_direction, new ArraySegment<byte>(chunk.Data, chunk.Offset, piece));
                _passed += piece;
                chunk.Offset += piece;
                chunk.Count -= piece;
                _buffered -= piece;
                if (chunk.Count == 0) _queue.Dequeue();
                Drained(piece);
            }
            if (limit >= 0 && _passed >= limit)
            {
                _ended = true;
                _queue.Clear();
                _buffered = 0;
                _target.Limited(_direction, reset, _passed);
                return false;
            }
            if (faults == null) return true;
            double wait = 0;
            if (faults.Bandwidth > 0) wait += piece * 1000.0 / faults.Bandwidth;
            if (faults.Slice > 0 && faults.SliceDelay > 0 && _queue.Count > 0) wait += faults.SliceDelay;
            if (wait > 0)
            {
                // Metered from where the last step should have ended, not from when the clock woke
                // (late by up to a millisecond each time), unless the line was idle meanwhile.
                long step = FaultClock.After(0, wait);
                long start = _freeAt > now - step ? _freeAt : now;
                _freeAt = start + step;
            }
            return true;
        }

        private void Drained(int bytes)
        {
            if (_buffered < HoldLimit && _buffered + bytes >= HoldLimit) _target.Drained();
        }

        private void Schedule(long due)
        {
            if (_scheduledAt) return; // the step already asked for comes first; it pumps on
            _scheduledAt = true;
            _plan.Clock.At(due, _pump);
        }
    }

    /// <summary>Where a <see cref="FaultLine"/> sends what passes and tells how it ended.</summary>
    internal interface IFaultTarget
    {
        /// <summary>The faults acting on this direction of the connection now, or null.</summary>
        EchoFaults FaultsFor(FaultDirection direction);

        void Deliver(FaultDirection direction, ArraySegment<byte> bytes);

        /// <summary>The end queued with <see cref="FaultLine.AddEnd"/> was reached (after any slow close).</summary>
        void End(FaultDirection direction, bool reset);

        /// <summary>-LimitData or -ResetAfter reached after <paramref name="passed"/> bytes.</summary>
        void Limited(FaultDirection direction, bool reset, long passed);

        /// <summary>The line's backlog fell under <see cref="FaultLine.HoldLimit"/>: reading may go on.</summary>
        void Drained();
    }
}

using System;
using System.Net;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Faults
{
    /// <summary>
    /// UDP faults: each datagram's fate (faulted at all, dropped, duplicated, held back) is drawn
    /// from the server's seeded sequence in arrival order, so the same seed and the same datagrams
    /// give the same drops. A reordered datagram is held until the next one has gone (or, if none
    /// comes, for <see cref="ReorderHoldMs"/>). Latency sends later through the listener's
    /// <see cref="IDatagramOutput"/>.
    /// </summary>
    internal sealed class DatagramFaults : IDisposable
    {
        /// <summary>How long a held-back datagram waits for a next one to overtake it.</summary>
        public const int ReorderHoldMs = 100;

        private readonly FaultPlan _plan;
        private readonly object _holdLock = new object();
        private Held _held;

        public DatagramFaults(FaultPlan plan) => _plan = plan;

        public struct Verdict
        {
            public bool Applies;
            public bool Drop;
            public bool Duplicate;
            public bool Reorder;
            public double Delay;
        }

        private sealed class Held
        {
            public EndPoint Remote;
            public ArraySegment<byte> Bytes;
            public IDatagramOutput Output;
            public int Copies;
        }

        /// <summary>Draws one datagram's fate; always the same draws for the same faults, in the same order.</summary>
        public Verdict Decide(EchoFaults faults)
        {
            var verdict = new Verdict { Applies = faults.FaultRate >= 1 || _plan.NextDouble() < faults.FaultRate };
            if (!verdict.Applies) return verdict;
            verdict.Drop = faults.Blackhole || (faults.DropRate > 0 && _plan.NextDouble() < faults.DropRate);
            verdict.Duplicate = faults.DuplicateRate > 0 && _plan.NextDouble() < faults.DuplicateRate;
            verdict.Reorder = faults.ReorderRate > 0 && _plan.NextDouble() < faults.ReorderRate;
            verdict.Delay = faults.Latency + (faults.Jitter > 0 ? (_plan.NextDouble() * 2 - 1) * faults.Jitter : 0);
            return verdict;
        }

        /// <summary>Sends (or not) one reply as its verdict says.</summary>
        private void Emit(Verdict verdict, EndPoint remote, ArraySegment<byte> bytes, IDatagramOutput output)
        {
            var counters = _plan.Counters;
            if (verdict.Drop)
            {
                counters.FaultDatagramLost();
                _plan.Report(EchoProtocol.Udp, remote, bytes.Count, "Datagram dropped (-DropRate).");
                return;
            }
            int copies = verdict.Duplicate ? 2 : 1;
            if (verdict.Duplicate) counters.FaultDatagramDuplicated();
            if (verdict.Delay > 0)
            {
                counters.FaultDelayed(bytes.Count);
                _plan.Clock.At(FaultClock.After(FaultClock.Now, verdict.Delay), () => Release(verdict.Reorder, remote, bytes, output, copies));
            }
            else Release(verdict.Reorder, remote, bytes, output, copies);
        }

        /// <summary>Held back (reorder), or out now followed by the one held back before.</summary>
        private void Release(bool reorder, EndPoint remote, ArraySegment<byte> bytes, IDatagramOutput output, int copies)
        {
            Held previous;
            lock (_holdLock)
            {
                previous = _held;
                _held = null;
                if (reorder)
                {
                    _plan.Counters.FaultDatagramReordered();
                    var held = new Held { Remote = remote, Bytes = bytes, Output = output, Copies = copies };
                    _held = held;
                    _plan.Clock.At(FaultClock.After(FaultClock.Now, ReorderHoldMs), () => ReleaseIfStillHeld(held));
                }
            }
            if (!reorder) Send(output, remote, bytes, copies);
            if (previous != null) Send(previous.Output, previous.Remote, previous.Bytes, previous.Copies);
        }

        private void ReleaseIfStillHeld(Held held)
        {
            lock (_holdLock)
            {
                if (_held != held) return;
                _held = null;
            }
            Send(held.Output, held.Remote, held.Bytes, held.Copies);
        }

        private static void Send(IDatagramOutput output, EndPoint remote, ArraySegment<byte> bytes, int copies)
        {
            for (int i = 0; i < copies; i++) output.SendTo(remote, bytes);
        }

        public void Dispose()
        {
            lock (_holdLock) _held = null;
        }

        /// <summary>A listener's output as a service sees it for one faulted datagram: its replies meet the verdict.</summary>
        public sealed class FaultedOutput : IDatagramOutput
        {
            private readonly DatagramFaults _faults;
            private readonly Verdict _verdict;
            private readonly IDatagramOutput _output;

            public FaultedOutput(DatagramFaults faults, Verdict verdict, IDatagramOutput output)
            {
                _faults = faults;
                _verdict = verdict;
                _output = output;
            }

            public void SendTo(EndPoint remote, ArraySegment<byte> bytes) => _faults.Emit(_verdict, remote, bytes, _output);
        }
    }
}

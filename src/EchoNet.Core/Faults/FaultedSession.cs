using System;
using System.Buffers;
using System.Net;
using System.Threading;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Faults
{
    /// <summary>
    /// A TCP connection with its server's faults between the engine and the service. Without a
    /// fault it stays out of the way (the service's reply goes back as it returned it: one check
    /// per chunk). Once a fault acts on a direction, that direction runs through its
    /// <see cref="FaultLine"/> for the rest of the connection (so bytes never overtake each other
    /// when a fault is lifted): client bytes upstream to the service, the service's replies
    /// (immediate or later, through the <see cref="IConnectionOutput"/> it was given: this object)
    /// downstream to the client over the seam's later reply path.
    /// </summary>
    internal sealed class FaultedSession : StreamSession, IConnectionOutput, IFaultTarget
    {
        private readonly IConnectionOutput _connection;
        private readonly FaultPlan _plan;
        private readonly double _draw;
        private readonly object _linesLock = new object();
        private StreamSession _inner;
        private FaultLine _up;
        private FaultLine _down;
        private volatile bool _viaUp;
        private volatile bool _viaDown;
        private volatile bool _stopped;
        private int _blackholeTimer;

        public FaultedSession(IConnectionOutput connection, FaultPlan plan)
        {
            _connection = connection;
            _plan = plan;
            _draw = plan.NextDouble(); // this connection's place against -FaultRate, in accept order
        }

        /// <summary>Opens the service's session with this object as its output.</summary>
        public void Open(ServerService inner)
        {
            _inner = inner.OpenStream(this);
            _plan.Opened(this);
            FaultsChanged();
        }

        // ---- StreamSession: what the engine calls ----

        public override ArraySegment<byte> Received(byte[] buffer, int count)
        {
            if (_stopped) return default;
            if (_viaUp || FaultsFor(FaultDirection.Upstream) != null)
            {
                _viaUp = true;
                Up().Add(Copy(buffer, 0, count), 0, count);
                return default;
            }
            var reply = _inner.Received(buffer, count);
            if (!_viaDown && FaultsFor(FaultDirection.Downstream) == null)
            {
                if (_inner.Ended) Ended = true;
                return reply;
            }
            Answer(reply, copy: true);
            return default;
        }

        public override bool HoldsInput =>
            _stopped || _inner.HoldsInput || (_up?.Buffered ?? 0) + (_down?.Buffered ?? 0) > FaultLine.HoldLimit;

        public override void OutputReady() => _inner.OutputReady();

        public override bool InputEnded()
        {
            if (_viaUp)
            {
                Up().AddEnd(reset: false); // reached in order: the service hears the end then
                return true;
            }
            return EndOfInput();
        }

        /// <summary>The client's FIN reaches the service: true when the connection stays open for later bytes.</summary>
        private bool EndOfInput()
        {
            if (_inner.InputEnded()) return true;
            var faults = FaultsFor(FaultDirection.Downstream);
            if (!_viaDown && (faults == null || faults.SlowClose == 0)) return false;
            Down().AddEnd(reset: false);
            return true;
        }

        public override void Closed()
        {
            _stopped = true;
            _up?.Discard();
            _down?.Discard();
            _plan.Forget(this);
            _inner.Closed();
        }

        // ---- IConnectionOutput: what the service calls ----

        public long Id => _connection.Id;
        public EndPoint RemoteEndPoint => _connection.RemoteEndPoint;
        public int RemotePort => _connection.RemotePort;
        public long AddressKey => _connection.AddressKey;

        public void Send(ArraySegment<byte> bytes) => Answer(bytes, copy: false);

        /// <summary>Straight on while no fault acts downstream; else the line keeps a copy and the array goes back now.</summary>
        public void SendRented(ArraySegment<byte> bytes)
        {
            if (_viaDown || FaultsFor(FaultDirection.Downstream) != null)
            {
                Answer(bytes, copy: true);
                ArrayPool<byte>.Shared.Return(bytes.Array);
                return;
            }
            _connection.SendRented(bytes);
            Answer(default, copy: false); // what Answer does after a reply: a service that ended ends the connection
        }

        public void CloseWhenSent() => EndDown(reset: false);

        public void ResetWhenSent() => EndDown(reset: true);

        public void Close() => _connection.Close();

        public void Reset() => _connection.Reset();

        public bool IsBacklogged => _connection.IsBacklogged || (_down?.Buffered ?? 0) > FaultLine.HoldLimit;

        public void ResumeReceiving() => _connection.ResumeReceiving();

        public IWatchedSocket Watch(System.Net.Sockets.Socket socket, ISocketReadiness readiness) => _connection.Watch(socket, readiness);

        // ---- IFaultTarget: what the lines call ----

        public EchoFaults FaultsFor(FaultDirection direction)
        {
            var faults = _plan.Current;
            if (!faults.HasStreamFaults || (faults.Direction & direction) == 0 || _draw >= faults.FaultRate) return null;
            return faults;
        }

        public void Deliver(FaultDirection direction, ArraySegment<byte> bytes)
        {
            if (direction == FaultDirection.Downstream) { _connection.Send(bytes); return; }
            if (_stopped) return;
            // The service reads from offset 0 of a buffer it may keep only during the call.
            var data = bytes.Offset == 0 ? bytes.Array : Copy(bytes.Array, bytes.Offset, bytes.Count);
            Answer(_inner.Received(data, bytes.Count), copy: true);
        }

        public void End(FaultDirection direction, bool reset)
        {
            if (direction == FaultDirection.Upstream)
            {
                // The client's FIN, now heard by the service in order.
                if (!_stopped && !EndOfInput()) Down().AddEnd(reset: false);
                return;
            }
            if (reset) _connection.ResetWhenSent();
            else _connection.CloseWhenSent();
        }

        public void Limited(FaultDirection direction, bool reset, long passed)
        {
            _stopped = true;
            if (reset) _plan.Counters.FaultReset();
            else _plan.Counters.FaultCut();
            _plan.Report(EchoProtocol.Tcp, _connection.RemoteEndPoint, passed,
                $"{(reset ? "Reset" : "Closed")} after {passed} bytes {(direction == FaultDirection.Downstream ? "to" : "from")} the client ({(reset ? "-ResetAfter" : "-LimitData")}).", _connection.Id);
            if (direction == FaultDirection.Downstream)
            {
                if (reset) _connection.ResetWhenSent();
                else _connection.CloseWhenSent();
            }
            else Down().AddEnd(reset);
        }

        public void Drained() => _connection.ResumeReceiving();

        // ---- The plan's calls ----

        /// <summary>The server's faults changed: a blackhole with a timeout starts counting now.</summary>
        public void FaultsChanged()
        {
            var faults = _plan.Current;
            if (!faults.Blackhole || faults.BlackholeTimeout <= 0 || (FaultsFor(FaultDirection.Both) == null)) return;
            if (Interlocked.Exchange(ref _blackholeTimer, 1) != 0) return;
            _plan.Clock.At(FaultClock.After(FaultClock.Now, faults.BlackholeTimeout), () =>
            {
                Volatile.Write(ref _blackholeTimer, 0);
                var now = _plan.Current;
                if (!now.Blackhole || FaultsFor(FaultDirection.Both) == null) return; // lifted meanwhile
                _plan.Report(EchoProtocol.Tcp, _connection.RemoteEndPoint, 0, $"Closed after {now.BlackholeTimeout} ms of -Blackhole.", _connection.Id);
                _connection.Close();
            });
        }

        /// <summary>-Down: an RST now.</summary>
        public void ResetNow()
        {
            _plan.Counters.FaultReset();
            _connection.Reset();
        }

        // ---- Helpers ----

        /// <summary>A reply from the service goes downstream: straight on while no fault acts there, else through the line.</summary>
        private void Answer(ArraySegment<byte> reply, bool copy)
        {
            if (reply.Array != null && reply.Count > 0)
            {
                if (!_viaDown && FaultsFor(FaultDirection.Downstream) == null)
                    _connection.Send(copy ? new ArraySegment<byte>(Copy(reply.Array, reply.Offset, reply.Count)) : reply);
                else
                {
                    _viaDown = true;
                    if (copy) Down().Add(Copy(reply.Array, reply.Offset, reply.Count), 0, reply.Count);
                    else Down().Add(reply.Array, reply.Offset, reply.Count);
                }
            }
            // A greeting is sent while the service's session opens: _inner is not set yet.
            if (_inner != null && _inner.Ended && !_stopped)
            {
                _stopped = true;
                EndDown(reset: false);
            }
        }

        private void EndDown(bool reset)
        {
            var faults = FaultsFor(FaultDirection.Downstream);
            if (!_viaDown && (faults == null || faults.SlowClose == 0))
            {
                if (reset) _connection.ResetWhenSent();
                else _connection.CloseWhenSent();
                return;
            }
            Down().AddEnd(reset);
        }

        private FaultLine Up() => _up ?? Line(ref _up, FaultDirection.Upstream);

        private FaultLine Down() => _down ?? Line(ref _down, FaultDirection.Downstream);

        private FaultLine Line(ref FaultLine line, FaultDirection direction)
        {
            lock (_linesLock)
                return line ?? (line = new FaultLine(_plan, direction, this, _plan.ForConnection(_connection.Id ^ (long)direction << 40)));
        }

        private static byte[] Copy(byte[] buffer, int offset, int count)
        {
            var copy = new byte[count];
            Buffer.BlockCopy(buffer, offset, copy, 0, count);
            return copy;
        }
    }
}

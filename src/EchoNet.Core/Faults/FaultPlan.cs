using System;
using System.Collections.Concurrent;
using System.Threading;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Faults
{
    /// <summary>
    /// A server's faults while it runs: the current <see cref="EchoFaults"/> (replaced whole by
    /// Set-EchoServer, read by every chunk, so a change applies to the next byte on every
    /// connection), the seeded generator behind every random choice, the clock that runs delayed
    /// steps, and the open faulted connections (told of changes; reset by -Down).
    /// </summary>
    internal sealed class FaultPlan : IDisposable
    {
        private readonly object _randomLock = new object();
        private readonly ConcurrentDictionary<FaultedSession, byte> _sessions = new ConcurrentDictionary<FaultedSession, byte>();
        private readonly Lazy<FaultClock> _clock = new Lazy<FaultClock>(() => new FaultClock());
        private volatile EchoFaults _current;
        private Random _random;
        private int _seed;

        public FaultPlan(EchoFaults faults, int seed, ServerCounters counters, IServerEvents events)
        {
            _current = faults ?? EchoFaults.None;
            Counters = counters;
            Events = events;
            Reseed(seed);
        }

        public EchoFaults Current => _current;
        public int Seed => Volatile.Read(ref _seed);
        public ServerCounters Counters { get; }
        public IServerEvents Events { get; }
        public FaultClock Clock => _clock.Value;

        /// <summary>New faults for new bytes on every connection; <paramref name="seed"/> restarts the random choices.</summary>
        public void Change(EchoFaults faults, int? seed)
        {
            if (seed.HasValue) Reseed(seed.Value);
            _current = faults ?? EchoFaults.None;
            foreach (var session in _sessions.Keys) session.FaultsChanged();
        }

        private void Reseed(int seed)
        {
            lock (_randomLock)
            {
                Volatile.Write(ref _seed, seed);
                _random = new Random(seed);
            }
        }

        /// <summary>The next number in [0, 1) of the server's seeded sequence (choices in arrival order).</summary>
        public double NextDouble()
        {
            lock (_randomLock) return _random.NextDouble();
        }

        /// <summary>A connection's own generator (for its jitter), derived from the seed and its number.</summary>
        public Random ForConnection(long connectionId) => new Random(unchecked(Seed * 31 + (int)connectionId * 486187739));

        public void Opened(FaultedSession session) => _sessions.TryAdd(session, 0);

        public void Forget(FaultedSession session) => _sessions.TryRemove(session, out _);

        /// <summary>-Down: every open connection is reset.</summary>
        public void ResetAll()
        {
            foreach (var session in _sessions.Keys) session.ResetNow();
        }

        /// <summary>A Fault event, when someone watches or the server records.</summary>
        public void Report(EchoProtocol protocol, System.Net.EndPoint remote, long bytes, string message, long connectionId = 0)
        {
            if (Events.IsWatched) Events.Raise(EchoServerEventKind.Fault, protocol, remote, bytes, message, connectionId);
        }

        public void Dispose()
        {
            if (_clock.IsValueCreated) _clock.Value.Dispose();
        }
    }
}

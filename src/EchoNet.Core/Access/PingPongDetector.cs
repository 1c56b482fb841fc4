using System.Diagnostics;

namespace EchoNet.Access
{
    /// <summary>
    /// Two echo services on ordinary ports, set answering each other by one spoofed datagram,
    /// bounce it forever at line rate; neither port says "echo service". What gives the loop away
    /// is its traffic: one source (address and port) sending back, again and again and fast, the
    /// payload it sent a moment ago. When <see cref="RepeatsToMute"/> datagrams in a row from one
    /// source repeat one of its last four payloads, within <see cref="RunSeconds"/> (so at 4,000 a
    /// second or more), the source is suspected: its next datagrams get no answer. Without
    /// answers a loop partner has nothing to echo and falls silent after the few datagrams it had
    /// in flight: the loop has ended. A source that goes on sending regardless is a client
    /// flooding with one payload, not a loop: after <see cref="MostSuspectDrops"/> unanswered
    /// datagrams it is answered again, and not suspected while it keeps sending (and
    /// <see cref="TrustSeconds"/> after). So a loop costs a few datagrams, a flood 16 answers once.
    /// </summary>
    /// <remarks>
    /// The sources live in a small direct-mapped table, so memory is fixed and each datagram costs
    /// a hash of at most 64 of its bytes and one lock; two sources that share a slot only reset
    /// each other's count (a later detection, never a false one).
    /// </remarks>
    public sealed class PingPongDetector
    {
        public const int RepeatsToMute = 1000;
        public const double RunSeconds = 0.25;

        /// <summary>More datagrams than a loop can have in flight (the ring remembers four payloads).</summary>
        public const int MostSuspectDrops = 16;

        /// <summary>How long a suspected source stays suspected after its last datagram.</summary>
        public const double SuspectSeconds = 1.0;

        /// <summary>How long a source found flooding (not looping) stays trusted after its last datagram.</summary>
        public const double TrustSeconds = 10.0;

        private const int Slots = 64;
        private const int FingerprintBytes = 64;
        private static readonly long RunTicks = (long)(Stopwatch.Frequency * RunSeconds);
        private static readonly long SuspectTicks = (long)(Stopwatch.Frequency * SuspectSeconds);
        private static readonly long TrustTicks = (long)(Stopwatch.Frequency * TrustSeconds);

        private readonly Sender[] _senders = new Sender[Slots];

        /// <summary>
        /// Notes a datagram from the source (<paramref name="addressKey"/>, a number standing for
        /// its address, and <paramref name="port"/>); true when the source is suspected of a
        /// ping-pong and the datagram must get no answer.
        /// </summary>
        public bool IsPingPong(long addressKey, int port, byte[] payload, int count)
        {
            uint fingerprint = Fingerprint(payload, count);
            long now = Stopwatch.GetTimestamp();
            int slot = (int)((ulong)(addressKey * 31 + port) * 0x9E3779B97F4A7C15UL >> 58); // top 6 bits: 64 slots
            lock (_senders)
            {
                ref Sender source = ref _senders[slot];
                if (!source.Used || source.AddressKey != addressKey || source.Port != port)
                {
                    source = new Sender { Used = true, AddressKey = addressKey, Port = port };
                }
                if (source.TrustedUntil > now)
                {
                    source.TrustedUntil = now + TrustTicks;
                    return false;
                }
                if (source.SuspectedUntil > now)
                {
                    if (source.SuspectDrops < MostSuspectDrops)
                    {
                        source.SuspectDrops++;
                        source.SuspectedUntil = now + SuspectTicks;
                        return true;
                    }
                    // It keeps sending though nothing is answered: a flood, not a loop.
                    source.SuspectedUntil = 0;
                    source.TrustedUntil = now + TrustTicks;
                    return false;
                }
                if (!source.Recent(fingerprint))
                {
                    source.Remember(fingerprint);
                    source.Repeats = 0;
                    return false;
                }
                if (source.Repeats++ == 0) source.RunStart = now;
                if (source.Repeats < RepeatsToMute) return false;
                source.Repeats = 0;
                if (now - source.RunStart > RunTicks) return false; // repeats, but slowly: not at line rate
                source.SuspectedUntil = now + SuspectTicks;
                source.SuspectDrops = 1;
                return true;
            }
        }

        /// <summary>FNV-1a over the length and the first bytes.</summary>
        private static uint Fingerprint(byte[] payload, int count)
        {
            uint hash = 2166136261 ^ (uint)count;
            int end = count < FingerprintBytes ? count : FingerprintBytes;
            for (int i = 0; i < end; i++) hash = (hash ^ payload[i]) * 16777619;
            return hash;
        }

        private struct Sender
        {
            public bool Used;
            public long AddressKey;
            public int Port;
            public uint Recent0, Recent1, Recent2, Recent3;
            public int Next;
            public int Repeats;
            public long RunStart;
            public long SuspectedUntil;
            public int SuspectDrops;
            public long TrustedUntil;

            public bool Recent(uint fingerprint) =>
                Next > 0 && (fingerprint == Recent0 || fingerprint == Recent1 || fingerprint == Recent2 || fingerprint == Recent3);

            public void Remember(uint fingerprint)
            {
                if (Next == 0) Recent1 = Recent2 = Recent3 = fingerprint; // no unfilled place matches anything else
                switch (Next++ & 3)
                {
                    case 0: Recent0 = fingerprint; break;
                    case 1: Recent1 = fingerprint; break;
                    case 2: Recent2 = fingerprint; break;
                    default: Recent3 = fingerprint; break;
                }
            }
        }
    }
}

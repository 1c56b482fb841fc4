using System.Diagnostics;

namespace EchoNet.Access
{
    /// <summary>
    /// Two echo services on ordinary ports, set answering each other by one spoofed datagram,
    /// bounce it forever at line rate; neither port says "echo service". What gives the loop away
    /// is its traffic: one source (address and port) sending back, again and again and fast, the
    /// payload it sent a moment ago. When <see cref="RepeatsToMute"/> datagrams in a row from one
    /// source repeat one of its last four payloads, within <see cref="RunSeconds"/> (so at 4,000 a
    /// second or more), the source is muted: its datagrams get no answer until it has been quiet
    /// for <see cref="MuteSeconds"/>. Without answers the other side has nothing to echo, so the
    /// loop ends. A client that sends one payload this often from one socket is muted too; one
    /// that varies its payloads (a sequence number) never is.
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
        public const double MuteSeconds = 1.0;

        private const int Slots = 64;
        private const int FingerprintBytes = 64;
        private static readonly long RunTicks = (long)(Stopwatch.Frequency * RunSeconds);
        private static readonly long MuteTicks = (long)(Stopwatch.Frequency * MuteSeconds);

        private readonly Sender[] _senders = new Sender[Slots];

        /// <summary>
        /// Notes a datagram from the source (<paramref name="addressKey"/>, a number standing for
        /// its address, and <paramref name="port"/>); true when the source is muted as a ping-pong
        /// and the datagram must get no answer.
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
                if (source.MutedUntil > now)
                {
                    source.MutedUntil = now + MuteTicks;
                    return true;
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
                source.MutedUntil = now + MuteTicks;
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
            public long MutedUntil;

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

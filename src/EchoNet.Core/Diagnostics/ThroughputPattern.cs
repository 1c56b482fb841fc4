using System;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// The bytes a throughput test sends: a pseudo-random sequence whose period (65,521, a prime)
    /// is not a multiple of any chunk or buffer size, so an echo that loses, repeats or reorders
    /// a chunk shows up as a wrong byte, not only as a wrong count. Each connection starts at its
    /// own place in the sequence.
    /// </summary>
    public sealed class ThroughputPattern
    {
        public const int Period = 65521;

        /// <summary>The sequence twice over, so any slice of up to <see cref="Period"/> bytes is contiguous.</summary>
        private readonly byte[] _twice = new byte[Period * 2];

        public ThroughputPattern()
        {
            uint state = 2463534242;
            for (int i = 0; i < Period; i++)
            {
                // xorshift32: fixed seed, so every run sends the same bytes.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                _twice[i] = _twice[i + Period] = (byte)state;
            }
        }

        public byte[] Buffer => _twice;

        /// <summary>Where in <see cref="Buffer"/> the byte at <paramref name="offset"/> of a connection's stream is.</summary>
        public static int IndexOf(int connection, long offset) => (int)((offset + connection * 7919L) % Period);

        /// <summary>The index of the first byte of <paramref name="received"/> (from offset <paramref name="offset"/> on) that differs, or -1.</summary>
        public int FirstMismatch(int connection, long offset, byte[] received, int count)
        {
            int at = IndexOf(connection, offset);
            int done = 0;
            while (done < count)
            {
                int n = Math.Min(count - done, Period);
                var expected = new ReadOnlySpan<byte>(_twice, at, n);
                var got = new ReadOnlySpan<byte>(received, done, n);
                if (!got.SequenceEqual(expected))
                {
                    for (int i = 0; i < n; i++) if (got[i] != expected[i]) return done + i;
                }
                done += n;
                at = (at + n) % Period;
            }
            return -1;
        }
    }
}

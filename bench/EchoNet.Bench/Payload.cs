using System;

namespace EchoNet.Bench
{
    /// <summary>
    /// Message contents: slices of one pseudo-random block, at an offset that changes with the
    /// connection and the message number, so every echo is checked against different bytes.
    /// </summary>
    internal static class Payload
    {
        public const int BlockSize = 1 << 20;
        public static readonly byte[] Block = Make();

        private static byte[] Make()
        {
            var block = new byte[BlockSize + 64 * 1024];
            new Random(862).NextBytes(block);
            return block;
        }

        public static int Offset(int connection, long message)
        {
            return (int)(((ulong)connection * 7919UL + (ulong)message * 4099UL) % BlockSize);
        }

        public static ReadOnlyMemory<byte> For(int connection, long message, int size)
        {
            return new ReadOnlyMemory<byte>(Block, Offset(connection, message), size);
        }
    }
}

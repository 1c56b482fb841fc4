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

        /// <summary>Lines for line-framed servers: printable ASCII with an LF ending every <see cref="LineSize"/> bytes.</summary>
        public const int LineSize = 64;
        public static readonly byte[] LineBlock = MakeLines();

        private static byte[] MakeLines()
        {
            var block = new byte[BlockSize];
            var random = new Random(863);
            for (int i = 0; i < block.Length; i++)
                block[i] = i % LineSize == LineSize - 1 ? (byte)'\n' : (byte)random.Next('!', '~' + 1);
            return block;
        }

        /// <summary>One <see cref="LineSize"/>-byte line (its LF last), different per connection and message.</summary>
        public static ReadOnlyMemory<byte> Line(int connection, long message)
        {
            int offset = Offset(connection, message) / LineSize * LineSize;
            return new ReadOnlyMemory<byte>(LineBlock, offset, LineSize);
        }
    }
}

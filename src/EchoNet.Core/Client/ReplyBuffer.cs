using System;

namespace EchoNet.Client
{
    /// <summary>A growable byte buffer for one reply, capped so a hostile peer cannot exhaust memory.</summary>
    internal sealed class ReplyBuffer
    {
        private byte[] _bytes = new byte[4096];

        public int Count { get; private set; }

        /// <summary>Room to receive into, growing the buffer when it is full.</summary>
        public ArraySegment<byte> FreeSpace()
        {
            if (Count == _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
            return new ArraySegment<byte>(_bytes, Count, _bytes.Length - Count);
        }

        public void Advance(int count) => Count += count;

        public void Append(byte[] source, int offset, int count)
        {
            while (_bytes.Length - Count < count) Array.Resize(ref _bytes, _bytes.Length * 2);
            Buffer.BlockCopy(source, offset, _bytes, Count, count);
            Count += count;
        }

        public bool EndsWith(byte[] suffix)
        {
            if (Count < suffix.Length) return false;
            for (int i = 0; i < suffix.Length; i++)
                if (_bytes[Count - suffix.Length + i] != suffix[i]) return false;
            return true;
        }

        public byte[] ToArray()
        {
            var result = new byte[Count];
            Buffer.BlockCopy(_bytes, 0, result, 0, Count);
            return result;
        }
    }
}

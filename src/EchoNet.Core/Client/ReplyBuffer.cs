using System;

namespace EchoNet.Client
{
    /// <summary>
    /// The bytes read from one connection that no reply has taken yet. A reply is cut from the
    /// front; what lies beyond it stays here and begins the next reply, so no byte is dropped.
    /// It grows by doubling, but never past the reply limit plus one read: a reply over the limit
    /// is refused once a read goes past it, so more room would never be used.
    /// </summary>
    internal sealed class ReplyBuffer
    {
        /// <summary>The most one receive adds: the room kept beyond a reply limit.</summary>
        public const int OneRead = 64 * 1024;

        private byte[] _bytes = new byte[4096];
        private int _start;

        /// <summary>Bytes held.</summary>
        public int Count { get; private set; }

        /// <summary>Room to receive into (up to <paramref name="limit"/> plus one read), compacting or growing the buffer when it is full.</summary>
        public ArraySegment<byte> FreeSpace(int limit)
        {
            Reserve(1024, limit);
            int end = _start + Count;
            return new ArraySegment<byte>(_bytes, end, _bytes.Length - end);
        }

        public void Advance(int count) => Count += count;

        /// <summary>Appends <paramref name="count"/> bytes, growing at most to <paramref name="limit"/> plus one read (or what is needed).</summary>
        public void Append(byte[] source, int offset, int count, int limit)
        {
            Reserve(count, limit);
            Buffer.BlockCopy(source, offset, _bytes, _start + Count, count);
            Count += count;
        }

        /// <summary>Where <paramref name="pattern"/> first begins at or after <paramref name="from"/>, or -1.</summary>
        public int IndexOf(byte[] pattern, int from)
        {
            int last = Count - pattern.Length;
            for (int i = Math.Max(0, from); i <= last; i++)
            {
                if (_bytes[_start + i] != pattern[0]) continue;
                int j = 1;
                while (j < pattern.Length && _bytes[_start + i + j] == pattern[j]) j++;
                if (j == pattern.Length) return i;
            }
            return -1;
        }

        /// <summary>Removes and returns the first <paramref name="count"/> bytes.</summary>
        public byte[] Take(int count)
        {
            var result = new byte[count];
            Buffer.BlockCopy(_bytes, _start, result, 0, count);
            _start += count;
            Count -= count;
            if (Count == 0) _start = 0;
            return result;
        }

        /// <summary>Drops everything held and the memory that held it (the connection is gone).</summary>
        public void Release()
        {
            _bytes = new byte[0];
            _start = 0;
            Count = 0;
        }

        private void Reserve(int count, int limit)
        {
            if (_bytes.Length - _start - Count >= count) return;
            if (_start > 0)
            {
                Buffer.BlockCopy(_bytes, _start, _bytes, 0, Count);
                _start = 0;
            }
            int size = BufferGrowth.NextSize(_bytes.Length, Count, count, (long)limit + OneRead);
            if (size < 0)
                throw new InvalidOperationException($"A reply buffer cannot hold {(long)Count + count} bytes (the most is {BufferGrowth.MaxArrayLength}).");
            if (size != _bytes.Length) Array.Resize(ref _bytes, size);
        }
    }
}

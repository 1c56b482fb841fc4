using System;

namespace EchoNet.Serving
{
    /// <summary>
    /// Cuts a TCP byte stream into requests by the client's framing rules, mirrored: up to and
    /// including a terminator, or exactly a length. Bytes after a request's end begin the next.
    /// The search resumes where the last one stopped (less the terminator's length, which may
    /// straddle two chunks) and a request longer than the limit is refused, never kept: a client
    /// cannot make the server hold or rescan an endless line.
    /// </summary>
    internal sealed class RequestFramer
    {
        private const int InitialCapacity = 256;
        // A long request once should not pin its buffer for the life of the connection.
        private const int ShrinkAbove = 16 * 1024;

        private readonly byte[] _terminator;
        private readonly int _length;
        private readonly int _maxLength;
        private byte[] _buffer = new byte[InitialCapacity];
        private int _count;
        private int _scanned;

        /// <summary>By <paramref name="terminator"/> when <paramref name="length"/> is 0, else by length.</summary>
        public RequestFramer(byte[] terminator, int length, int maxLength)
        {
            _terminator = terminator;
            _length = length;
            _maxLength = maxLength;
        }

        /// <summary>Bytes held: the start of a request not complete yet.</summary>
        public int Held => _count;

        /// <summary>The incomplete request's bytes (when the connection ends).</summary>
        public byte[] HeldBytes()
        {
            var held = new byte[_count];
            Buffer.BlockCopy(_buffer, 0, held, 0, _count);
            return held;
        }

        /// <summary>
        /// Adds received bytes and hands each complete request to <paramref name="request"/>
        /// (buffer, start, length including the terminator, terminator length), in order. False,
        /// with the requests before it handed on, when a request grows past the limit.
        /// </summary>
        public bool Push(byte[] data, int count, Action<byte[], int, int, int> request)
        {
            if (_count + count > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_count + count, _buffer.Length * 2));
            Buffer.BlockCopy(data, 0, _buffer, _count, count);
            _count += count;

            bool tooLong = false;
            int start = _length > 0 ? CutByLength(request) : CutByTerminator(request, out tooLong);
            if (tooLong) return false;
            if (start > 0) Buffer.BlockCopy(_buffer, start, _buffer, 0, _count - start);
            _count -= start;
            _scanned = _count;
            if (_count == 0 && _buffer.Length > ShrinkAbove) _buffer = new byte[InitialCapacity];
            return _length > 0 || _count - (_terminator.Length - 1) <= _maxLength;
        }

        private int CutByLength(Action<byte[], int, int, int> request)
        {
            int start = 0;
            while (_count - start >= _length)
            {
                request(_buffer, start, _length, 0);
                start += _length;
            }
            return start;
        }

        private int CutByTerminator(Action<byte[], int, int, int> request, out bool tooLong)
        {
            tooLong = false;
            int start = 0;
            int tail = _terminator.Length - 1;
            for (int i = Math.Max(0, _scanned - tail); i + tail < _count; i++)
            {
                if (!TerminatorAt(i)) continue;
                if (i - start > _maxLength) { tooLong = true; return start; }
                request(_buffer, start, i + _terminator.Length - start, _terminator.Length);
                start = i + _terminator.Length;
                i = start - 1;
            }
            return start;
        }

        private bool TerminatorAt(int index)
        {
            for (int k = 0; k < _terminator.Length; k++)
                if (_buffer[index + k] != _terminator[k]) return false;
            return true;
        }
    }
}

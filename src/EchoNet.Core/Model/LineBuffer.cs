using System;

namespace EchoNet.Server
{
    /// <summary>
    /// The text of a -Terminator reply format between terminators: decoded characters go in at
    /// the back, complete lines come off the front. A search resumes where the last one stopped
    /// (less the terminator's length, which may straddle two chunks) and only the rest of a line
    /// is ever moved, so the work is linear in what arrives. A line longer than the limit is
    /// refused, never kept: a client cannot make the server hold or rescan an endless line.
    /// </summary>
    internal sealed class LineBuffer
    {
        private readonly string _terminator;
        private readonly int _maxLineLength;
        private const int InitialCapacity = 256;
        // A long line once should not pin its buffer for the life of the connection.
        private const int ShrinkAbove = 16 * 1024;

        private char[] _chars = new char[InitialCapacity];
        private int _length;
        private int _scanned;

        public LineBuffer(string terminator, int maxLineLength)
        {
            _terminator = terminator;
            _maxLineLength = maxLineLength;
        }

        /// <summary>Characters held: the incomplete line (possibly ending in part of a terminator).</summary>
        public int Length => _length;

        /// <summary>
        /// Adds <paramref name="count"/> characters and hands each complete line (without its
        /// terminator) to <paramref name="line"/>, in order. False, with the lines before it handed
        /// on, when a line grows longer than the limit.
        /// </summary>
        public bool Append(char[] chars, int count, Action<char[], int, int> line)
        {
            if (_length + count > _chars.Length)
                Array.Resize(ref _chars, Math.Max(_length + count, _chars.Length * 2));
            Array.Copy(chars, 0, _chars, _length, count);
            _length += count;

            int lineStart = 0;
            int tail = _terminator.Length - 1;
            for (int i = Math.Max(0, _scanned - tail); i + tail < _length; i++)
            {
                if (!TerminatorAt(i)) continue;
                if (i - lineStart > _maxLineLength) return false;
                line(_chars, lineStart, i - lineStart);
                lineStart = i + _terminator.Length;
                i = lineStart - 1;
            }
            // Keep only the incomplete line; it lies inside this chunk unless no terminator came.
            if (lineStart > 0) Array.Copy(_chars, lineStart, _chars, 0, _length - lineStart);
            _length -= lineStart;
            _scanned = _length;
            if (_length == 0 && _chars.Length > ShrinkAbove) _chars = new char[InitialCapacity];
            return _length - tail <= _maxLineLength;
        }

        private bool TerminatorAt(int index)
        {
            for (int k = 0; k < _terminator.Length; k++)
                if (_chars[index + k] != _terminator[k]) return false;
            return true;
        }
    }
}

using System;
using System.Threading;
using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// The one growable char buffer the parser writes a URL's href into while it parses (components
    /// are kept as offsets into it, as ada's url_aggregator does). Unlike StringBuilder it is a
    /// single array, so reading back and truncating near the end (dot segments) are O(1).
    /// One instance is kept and reused: <see cref="Rent"/> takes it with an atomic exchange and
    /// <see cref="Return"/> puts it back, so a concurrent or nested parse (blob origins) simply
    /// gets a fresh one. (A [ThreadStatic] field costs a call into the runtime per access here.)
    /// </summary>
    internal sealed class UrlBuilder
    {
        private const int InitialCapacity = 256;
        private const int MaxKeptCapacity = 16 * 1024;

        private static UrlBuilder s_cached;

        private char[] _chars;
        private int _length;

        private UrlBuilder(int capacity)
        {
            _chars = new char[capacity];
        }

        [MethodImpl(Tiering.Inline)]
        public static UrlBuilder Rent(int expectedLength)
        {
            var builder = Interlocked.Exchange(ref s_cached, null);
            if (builder == null) return new UrlBuilder(Math.Max(InitialCapacity, expectedLength));
            builder._length = 0;
            if (builder._chars.Length < expectedLength) builder._chars = new char[expectedLength];
            return builder;
        }

        /// <summary>Keeps the buffer for the next parse on this thread unless it grew very large.</summary>
        [MethodImpl(Tiering.Inline)]
        public static void Return(UrlBuilder builder)
        {
            if (builder._chars.Length <= MaxKeptCapacity) Volatile.Write(ref s_cached, builder);
        }

        public int Length
        {
            get => _length;
            set => _length = value; // shortens, or takes in chars written after Reserve
        }

        public char this[int index]
        {
            get => _chars[index];
            set => _chars[index] = value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Append(char c)
        {
            if (_length == _chars.Length) Grow(1);
            _chars[_length++] = c;
        }

        [MethodImpl(Tiering.Inline)]
        public void Append(string s)
        {
            if (_length + s.Length > _chars.Length) Grow(s.Length);
            s.CopyTo(0, _chars, _length, s.Length);
            _length += s.Length;
        }

        [MethodImpl(Tiering.Inline)]
        public void Append(string s, int start, int count)
        {
            if (count <= 0) return;
            if (_length + count > _chars.Length) Grow(count);
            if (count <= 16)
            {
                // Short runs (most segments and labels) are cheaper copied here than through CopyTo.
                char[] chars = _chars;
                int to = _length;
                for (int i = 0; i < count; i++) chars[to + i] = s[start + i];
            }
            else
            {
                s.CopyTo(start, _chars, _length, count);
            }
            _length += count;
        }

        /// <summary>
        /// Makes room for <paramref name="count"/> more chars and returns the array to write them
        /// into from index <see cref="Length"/>; the caller then moves <see cref="Length"/> on.
        /// </summary>
        [MethodImpl(Tiering.Inline)]
        public char[] Reserve(int count)
        {
            if (_length + count > _chars.Length) Grow(count);
            return _chars;
        }

        /// <summary>Appends a non-negative number in decimal.</summary>
        [MethodImpl(Tiering.Optimized)]
        public void AppendDecimal(int value)
        {
            int digits = 1;
            for (int v = value; v >= 10; v /= 10) digits++;
            if (_length + digits > _chars.Length) Grow(digits);
            int at = _length + digits;
            do
            {
                _chars[--at] = (char)('0' + value % 10);
                value /= 10;
            }
            while (value != 0);
            _length += digits;
        }

        /// <summary>Inserts <paramref name="s"/> at <paramref name="index"/> (used once per URL at most).</summary>
        public void Insert(int index, string s)
        {
            if (_length + s.Length > _chars.Length) Grow(s.Length);
            Array.Copy(_chars, index, _chars, index + s.Length, _length - index);
            s.CopyTo(0, _chars, index, s.Length);
            _length += s.Length;
        }

        /// <summary>Whether the chars at <paramref name="index"/> are exactly <paramref name="s"/>.</summary>
        [MethodImpl(Tiering.Optimized)]
        public bool Matches(int index, int length, string s)
        {
            if (length != s.Length) return false;
            for (int i = 0; i < length; i++)
                if (_chars[index + i] != s[i]) return false;
            return true;
        }

        [MethodImpl(Tiering.Inline)]
        public override string ToString() => new string(_chars, 0, _length);

        [MethodImpl(Tiering.Optimized)]
        private void Grow(int extra)
        {
            int size = Math.Max(_chars.Length * 2, _length + extra);
            Array.Resize(ref _chars, size);
        }
    }
}

using System.Runtime.CompilerServices;
using System;
using System.Text;

namespace EchoNet.Url.Idna
{
    /// <summary>A growable list of code points: UTS #46 works on code points, not UTF-16 units.</summary>
    internal sealed class CodePointBuffer
    {
        private int[] items;

        public CodePointBuffer(int capacity)
        {
            items = new int[capacity < 4 ? 4 : capacity];
        }

        public int Count { get; private set; }

        public int Capacity => items.Length;

        public int this[int index]
        {
            get => items[index];
            set => items[index] = value;
        }

        [MethodImpl(Tiering.Inline)]
        public void Add(int codePoint)
        {
            if (Count == items.Length) Grow(Count + 1);
            items[Count++] = codePoint;
        }

        public void Clear() => Count = 0;

        private void Grow(int needed)
        {
            int size = items.Length * 2;
            if (size < needed) size = needed;
            Array.Resize(ref items, size);
        }

        /// <summary>Drops the code points from <paramref name="count"/> on.</summary>
        public void Truncate(int count) => Count = count;

        /// <summary>Inserts at <paramref name="index"/>, shifting the rest right (Punycode decoding).</summary>
        public void Insert(int index, int codePoint)
        {
            if (Count == items.Length) Grow(Count + 1);
            Array.Copy(items, index, items, index + 1, Count - index);
            items[index] = codePoint;
            Count++;
        }

        /// <summary>Appends the code points of a UTF-16 string; a lone surrogate stays as its own code point.</summary>
        [MethodImpl(Tiering.Optimized)]
        public void AddUtf16(string text, int start, int length)
        {
            int end = start + length;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
                {
                    Add(char.ConvertToUtf32(c, text[i + 1]));
                    i++;
                }
                else
                {
                    Add(c);
                }
            }
        }

        /// <summary>Appends <paramref name="codePoint"/> to <paramref name="sb"/> as UTF-16.</summary>
        public static void AppendUtf16(StringBuilder sb, int codePoint)
        {
            if (codePoint < 0x10000)
            {
                sb.Append((char)codePoint);
            }
            else
            {
                int v = codePoint - 0x10000;
                sb.Append((char)(0xD800 + (v >> 10)));
                sb.Append((char)(0xDC00 + (v & 0x3FF)));
            }
        }
    }
}

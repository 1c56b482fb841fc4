namespace EchoNet.Url
{
    /// <summary>
    /// Which slot holds the i-th pair of a <see cref="QueryPairList"/> that has empty slots: a
    /// binary indexed (Fenwick) tree over the slots, 1 for a filled slot and 0 for an empty one, so
    /// that emptying a slot and finding the slot of a rank each take O(log n). It covers the slots
    /// the list had when it was built; the list drops it when it grows or compacts.
    /// </summary>
    internal sealed class SlotRanks
    {
        private readonly int[] _tree; // 1-based: _tree[i] counts the filled slots in (i - lowbit(i), i]

        public SlotRanks(UrlQueryParameter[] slots, int used)
        {
            _tree = new int[slots.Length + 1];
            // Linear build: each node passes its count on to its parent.
            for (int i = 1; i < _tree.Length; i++)
            {
                if (i <= used && slots[i - 1] != null) _tree[i]++;
                int parent = i + (i & -i);
                if (parent < _tree.Length) _tree[parent] += _tree[i];
            }
        }

        /// <summary>Adds <paramref name="delta"/> (1: filled, -1: emptied) at <paramref name="slot"/>.</summary>
        public void Add(int slot, int delta)
        {
            for (int i = slot + 1; i < _tree.Length; i += i & -i) _tree[i] += delta;
        }

        /// <summary>The slot of the filled slot with <paramref name="rank"/> filled slots before it (rank &lt; the filled count).</summary>
        public int SlotOfRank(int rank)
        {
            int position = 0;
            int highest = 1;
            while (highest * 2 < _tree.Length) highest *= 2;
            for (int step = highest; step > 0; step >>= 1)
            {
                int next = position + step;
                if (next < _tree.Length && _tree[next] <= rank)
                {
                    position = next;
                    rank -= _tree[next];
                }
            }
            return position; // the 1-based position after the last step is the next one; as a 0-based slot it is this
        }
    }
}

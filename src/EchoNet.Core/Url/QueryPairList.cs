using System;
using System.Collections.Generic;

namespace EchoNet.Url
{
    /// <summary>
    /// The list behind a <see cref="UrlSearchParams"/>: pairs in order, duplicates kept, with an
    /// index of the slots each name holds, so that every operation costs in proportion to the pairs
    /// it touches, never to the whole list (appending or deleting n pairs one by one is O(n), not
    /// O(n^2)). A removed pair leaves an empty slot; the slots are compacted once the empty ones
    /// outnumber the pairs, so that work is paid for by the removals. The i-th pair is found in the
    /// slots directly while none is empty, else through <see cref="SlotRanks"/> in O(log n).
    /// </summary>
    internal sealed class QueryPairList
    {
        private UrlQueryParameter[] _slots = new UrlQueryParameter[8]; // null: a removed pair
        private int _used;   // slots filled or emptied since the last compaction
        private int _count;  // pairs
        private readonly Dictionary<string, List<int>> _slotsByName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        private SlotRanks _ranks; // built when a position is asked for while slots are empty; null otherwise

        public int Count => _count;

        /// <summary>The pair at <paramref name="index"/> (0 to Count - 1), counting pairs, not slots.</summary>
        public UrlQueryParameter this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
                if (_used == _count) return _slots[index];
                if (_ranks == null) _ranks = new SlotRanks(_slots, _used);
                return _slots[_ranks.SlotOfRank(index)];
            }
        }

        /// <summary>The pairs in order.</summary>
        public IEnumerable<UrlQueryParameter> InOrder()
        {
            for (int i = 0; i < _used; i++)
            {
                if (_slots[i] != null) yield return _slots[i];
            }
        }

        public void Add(UrlQueryParameter pair)
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
                _ranks = null; // sized for the old slots; rebuilt when next needed
            }
            int slot = _used++;
            _slots[slot] = pair;
            _count++;
            _ranks?.Add(slot, 1);
            Index(pair.Name, slot);
        }

        public void AddRange(IEnumerable<UrlQueryParameter> pairs)
        {
            foreach (var pair in pairs) Add(pair);
        }

        /// <summary>The first pair with this name; null when there is none.</summary>
        public UrlQueryParameter First(string name) =>
            _slotsByName.TryGetValue(name, out var slots) ? _slots[slots[0]] : null;

        /// <summary>The values of the pairs with this name, in order.</summary>
        public string[] ValuesOf(string name)
        {
            if (!_slotsByName.TryGetValue(name, out var slots)) return Array.Empty<string>();
            var values = new string[slots.Count];
            for (int i = 0; i < values.Length; i++) values[i] = _slots[slots[i]].Value;
            return values;
        }

        public bool Contains(string name) => _slotsByName.ContainsKey(name);

        public bool Contains(string name, string value)
        {
            if (!_slotsByName.TryGetValue(name, out var slots)) return false;
            foreach (int slot in slots)
            {
                if (_slots[slot].Value == value) return true;
            }
            return false;
        }

        /// <summary>Removes the pairs with this name; with a value, only those with that value too.</summary>
        public void RemoveAll(string name, string value = null)
        {
            if (!_slotsByName.TryGetValue(name, out var slots)) return;
            int kept = 0;
            for (int i = 0; i < slots.Count; i++)
            {
                int slot = slots[i];
                if (value == null || _slots[slot].Value == value) Empty(slot);
                else slots[kept++] = slot;
            }
            slots.RemoveRange(kept, slots.Count - kept);
            if (kept == 0) _slotsByName.Remove(name);
            CompactWhenMostlyEmpty();
        }

        /// <summary>The first pair with the pair's name becomes this pair and the others with the name go; appended when there is none.</summary>
        public void SetFirst(UrlQueryParameter pair)
        {
            if (!_slotsByName.TryGetValue(pair.Name, out var slots))
            {
                Add(pair);
                return;
            }
            _slots[slots[0]] = pair;
            for (int i = 1; i < slots.Count; i++) Empty(slots[i]);
            slots.RemoveRange(1, slots.Count - 1);
            CompactWhenMostlyEmpty();
        }

        public void Clear()
        {
            Array.Clear(_slots, 0, _used);
            _used = _count = 0;
            _slotsByName.Clear();
            _ranks = null;
        }

        /// <summary>Orders the pairs by name (UTF-16 code units); pairs with equal names keep their order.</summary>
        public void SortByName()
        {
            Compact();
            var order = new int[_count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            var slots = _slots;
            // Stable: equal names compare by their old position.
            Array.Sort(order, (a, b) =>
            {
                int byName = string.CompareOrdinal(slots[a].Name, slots[b].Name);
                return byName != 0 ? byName : a.CompareTo(b);
            });
            var sorted = new UrlQueryParameter[_slots.Length];
            for (int i = 0; i < order.Length; i++) sorted[i] = slots[order[i]];
            _slots = sorted;
            IndexNames();
        }

        private void Empty(int slot)
        {
            _slots[slot] = null;
            _count--;
            _ranks?.Add(slot, -1);
        }

        private void CompactWhenMostlyEmpty()
        {
            if (_used - _count > _count && _used > 16) Compact();
        }

        private void Compact()
        {
            int to = 0;
            for (int from = 0; from < _used; from++)
            {
                if (_slots[from] != null) _slots[to++] = _slots[from];
            }
            Array.Clear(_slots, to, _used - to);
            _used = to;
            _ranks = null;
            IndexNames();
        }

        private void IndexNames()
        {
            _slotsByName.Clear();
            for (int slot = 0; slot < _used; slot++) Index(_slots[slot].Name, slot);
        }

        /// <summary>Notes that <paramref name="slot"/> (after every slot already noted) holds a pair with this name.</summary>
        private void Index(string name, int slot)
        {
            if (!_slotsByName.TryGetValue(name, out var slots))
            {
                slots = new List<int>(1);
                _slotsByName.Add(name, slots);
            }
            slots.Add(slot);
        }
    }
}

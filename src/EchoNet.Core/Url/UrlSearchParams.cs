using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using EchoNet.Url;

namespace EchoNet
{
    /// <summary>
    /// URLSearchParams (URL Standard 6.2): an ordered list of name/value pairs, duplicates kept.
    /// The one a <see cref="WhatwgUrl"/> hands out is live: every change rewrites the URL's query
    /// (an emptied list removes it, '?' included), and setting the URL's Search or Href refills it.
    /// Names and values are taken as the Standard's scalar value strings (a lone surrogate becomes
    /// U+FFFD); null is taken as the empty string. Enumerating reads the live list by position, as
    /// a browser's iterator does, so changing the list while enumerating it is allowed.
    /// Every operation costs in proportion to the pairs it touches (<see cref="QueryPairList"/>),
    /// and a change marks the URL's query out of date rather than rewriting the href: the URL
    /// serializes the list once, when its Href or Search is next read, so n appends cost O(n).
    /// </summary>
    public sealed class UrlSearchParams : IReadOnlyCollection<UrlQueryParameter>
    {
        private readonly QueryPairList _list = new QueryPairList();
        private readonly WhatwgUrl _url; // null when not attached to a URL
        private bool _changed;           // changed since the URL's query was last written from the list

        /// <summary>An empty list.</summary>
        public UrlSearchParams()
        {
        }

        /// <summary>The pairs of an application/x-www-form-urlencoded string; one leading '?' is ignored.</summary>
        public UrlSearchParams(string query)
        {
            query = ToScalarValues(query);
            if (query.Length > 0 && query[0] == '?') query = query.Substring(1);
            _list.AddRange(FormUrlEncoded.Parse(query));
        }

        /// <summary>A copy of the pairs, in order (another UrlSearchParams, QueryParameters, ...).</summary>
        public UrlSearchParams(IEnumerable<UrlQueryParameter> pairs)
        {
            if (pairs == null) throw new ArgumentNullException(nameof(pairs));
            foreach (var pair in pairs) _list.Add(Pair(pair.Name, pair.Value));
        }

        /// <summary>The pairs, in order, duplicates kept.</summary>
        public UrlSearchParams(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            if (pairs == null) throw new ArgumentNullException(nameof(pairs));
            foreach (var pair in pairs) _list.Add(Pair(pair.Key, pair.Value));
        }

        /// <summary>
        /// A record of names to values (a PowerShell hashtable or [ordered] dictionary): keys and
        /// values as strings. Keys that become equal as scalar value strings keep the first
        /// position and the last value, as the Standard's record conversion does.
        /// </summary>
        public UrlSearchParams(IDictionary record)
        {
            if (record == null) throw new ArgumentNullException(nameof(record));
            foreach (DictionaryEntry entry in record)
            {
                var pair = Pair(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture));
                _list.SetFirst(pair);
            }
        }

        internal UrlSearchParams(WhatwgUrl url)
        {
            _url = url;
            Refill(url.Query);
        }

        /// <summary>The number of pairs (the Standard's size).</summary>
        public int Size => _list.Count;

        /// <summary>The number of pairs; the same as <see cref="Size"/>.</summary>
        public int Count => _list.Count;

        /// <summary>Adds a pair at the end.</summary>
        public void Append(string name, string value)
        {
            _list.Add(Pair(name, value));
            Update();
        }

        /// <summary>Removes every pair with this name.</summary>
        public void Delete(string name)
        {
            _list.RemoveAll(ToScalarValues(name));
            Update();
        }

        /// <summary>Removes every pair with this name and this value.</summary>
        public void Delete(string name, string value)
        {
            var match = Pair(name, value);
            _list.RemoveAll(match.Name, match.Value);
            Update();
        }

        /// <summary>The value of the first pair with this name; null when there is none.</summary>
        public string Get(string name)
        {
            return _list.First(ToScalarValues(name))?.Value;
        }

        /// <summary>The values of the pairs with this name, in order; empty when there are none.</summary>
        public string[] GetAll(string name)
        {
            return _list.ValuesOf(ToScalarValues(name));
        }

        /// <summary>Whether a pair has this name.</summary>
        public bool Has(string name)
        {
            return _list.Contains(ToScalarValues(name));
        }

        /// <summary>Whether a pair has this name and this value.</summary>
        public bool Has(string name, string value)
        {
            var match = Pair(name, value);
            return _list.Contains(match.Name, match.Value);
        }

        /// <summary>
        /// Gives the first pair with this name the value and removes the other pairs with the name;
        /// appends the pair when there is none.
        /// </summary>
        public void Set(string name, string value)
        {
            _list.SetFirst(Pair(name, value));
            Update();
        }

        /// <summary>Sorts the pairs by name, comparing UTF-16 code units; pairs with equal names keep their order.</summary>
        public void Sort()
        {
            _list.SortByName();
            Update();
        }

        /// <summary>The pairs application/x-www-form-urlencoded: "a=1&amp;b=x+y".</summary>
        public override string ToString() => FormUrlEncoded.Serialize(_list.InOrder());

        public IEnumerator<UrlQueryParameter> GetEnumerator()
        {
            for (int i = 0; i < _list.Count; i++) yield return _list[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>
        /// Replaces the list with the pairs of <paramref name="query"/> (the URL's new query, or
        /// null); a change not yet written to the URL is dropped, the URL's query being newer.
        /// </summary>
        internal void Refill(string query)
        {
            _list.Clear();
            _list.AddRange(FormUrlEncoded.Parse(ToScalarValues(query)));
            _changed = false;
        }

        /// <summary>
        /// The Standard's update steps, deferred: the attached URL's query becomes the serialized
        /// list when the URL next needs its query (<see cref="WhatwgUrl"/> calls <see cref="WriteToUrl"/>).
        /// </summary>
        private void Update()
        {
            if (_url != null) _changed = true;
        }

        /// <summary>Writes the list into the attached URL's query, if it changed since the last time.</summary>
        internal void WriteToUrl()
        {
            if (!_changed) return;
            _changed = false;
            UrlSetters.SetQueryFromSearchParams(_url, ToString());
        }

        private static UrlQueryParameter Pair(string name, string value) =>
            new UrlQueryParameter(ToScalarValues(name), ToScalarValues(value));

        /// <summary>The string as a scalar value string (WebIDL USVString): lone surrogates become U+FFFD; null becomes empty.</summary>
        private static string ToScalarValues(string s)
        {
            if (s == null) return string.Empty;
            int i = 0;
            for (; i < s.Length; i++)
            {
                if (!char.IsSurrogate(s[i])) continue;
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
                else break;
            }
            if (i == s.Length) return s;
            var sb = new StringBuilder(s.Length);
            for (int j = 0; j < s.Length; j++)
            {
                char c = s[j];
                if (char.IsHighSurrogate(c) && j + 1 < s.Length && char.IsLowSurrogate(s[j + 1]))
                {
                    sb.Append(c).Append(s[++j]);
                }
                else
                {
                    sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                }
            }
            return sb.ToString();
        }
    }
}

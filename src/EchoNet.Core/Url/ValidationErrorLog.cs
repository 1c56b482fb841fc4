using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// The validation errors a parse meets, in the order the Standard's steps meet them. A value
    /// the parser carries by reference: nothing is allocated until the first error, so a URL
    /// without errors costs nothing here.
    /// </summary>
    internal struct ValidationErrorLog
    {
        internal static readonly IReadOnlyList<UrlValidationErrorEntry> None =
            new ReadOnlyCollection<UrlValidationErrorEntry>(Array.Empty<UrlValidationErrorEntry>());

        /// <summary>Stands for "the errors of parsing the URL's current href", not yet worked out.</summary>
        internal static readonly IReadOnlyList<UrlValidationErrorEntry> OfHref =
            new ReadOnlyCollection<UrlValidationErrorEntry>(Array.Empty<UrlValidationErrorEntry>());

        private UrlValidationErrorEntry[] _entries;
        private int _count;

        public int Count => _count;

        /// <summary>Kept out of line: the callers are hot loops that almost never get here.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Add(UrlValidationError error)
        {
            if (_entries == null) _entries = new UrlValidationErrorEntry[4];
            else if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
            _entries[_count++] = new UrlValidationErrorEntry(error);
        }

        public IReadOnlyList<UrlValidationErrorEntry> ToReadOnlyList()
        {
            if (_count == 0) return None;
            var entries = new UrlValidationErrorEntry[_count];
            Array.Copy(_entries, entries, _count);
            return new ReadOnlyCollection<UrlValidationErrorEntry>(entries);
        }
    }
}

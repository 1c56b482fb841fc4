using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace EchoNet.Binding
{
    /// <summary>
    /// The -Pattern values of Test-Url and Select-Url built into patterns, once per distinct
    /// -BaseUrl (which may change per record when bound by property name). A value that does not
    /// build is reported once, through the cmdlet's error writer, and left out; the rest go on.
    /// </summary>
    internal sealed class UrlPatternSet
    {
        private readonly object[] _values;
        private readonly bool _ignoreCase;
        private List<UrlPattern> _patterns;
        private string _builtFor;

        public UrlPatternSet(object[] values, bool ignoreCase)
        {
            _values = values ?? Array.Empty<object>();
            _ignoreCase = ignoreCase;
        }

        /// <summary>The patterns for <paramref name="baseUrl"/>, in the order given.</summary>
        public IReadOnlyList<UrlPattern> For(string baseUrl, Action<ErrorRecord> writeError)
        {
            if (_patterns != null && string.Equals(baseUrl, _builtFor, StringComparison.Ordinal)) return _patterns;
            _builtFor = baseUrl;
            _patterns = new List<UrlPattern>(_values.Length);
            foreach (var value in _values)
            {
                if (UrlPatternBinding.TryBuild(value, baseUrl, _ignoreCase, null, out UrlPattern pattern, out ErrorRecord error)) _patterns.Add(pattern);
                else writeError(error);
            }
            return _patterns;
        }
    }
}

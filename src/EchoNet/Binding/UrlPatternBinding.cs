using System;
using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EchoNet.Url;

namespace EchoNet.Binding
{
    /// <summary>
    /// Turns what the URL pattern cmdlets are given into core values, or into an ErrorRecord with a
    /// stable id: a -Pattern value (string, hashtable of components, or a built UrlPattern) into a
    /// <see cref="UrlPattern"/>, and an input (string, hashtable, WhatwgUrl, Uri, or an object with
    /// a Url/Href/Uri property) into what <see cref="UrlPattern.Exec(object, string)"/> takes.
    /// </summary>
    internal static class UrlPatternBinding
    {
        public const string InvalidPatternId = "InvalidUrlPattern";
        public const string NotSupportedId = "UrlPatternNotSupported";
        public const string BaseUrlWithComponentsId = "BaseUrlWithComponents";
        public const string UnknownComponentId = "UnknownUrlPatternComponent";
        public const string PatternTypeId = "InvalidUrlPatternType";
        public const string InputTypeId = "InvalidUrlInputType";
        public const string MatchTimeoutId = "UrlPatternMatchTimeout";

        /// <summary>A pattern from a -Pattern value; a string is resolved against <paramref name="baseUrl"/> when given.</summary>
        public static bool TryBuild(object value, string baseUrl, bool ignoreCase, TimeSpan? matchTimeout, out UrlPattern pattern, out ErrorRecord error)
        {
            pattern = null;
            error = null;
            value = Unwrap(value);
            if (value is UrlPattern built)
            {
                pattern = built;
                return true;
            }
            object input;
            if (value is string text) input = text;
            else if (value is IDictionary dictionary)
            {
                if (baseUrl != null)
                {
                    error = new ErrorRecord(new ArgumentException(
                        "-BaseUrl cannot be used with a hashtable pattern: the Standard takes the base URL inside the components, e.g. @{ pathname = '/x'; baseURL = 'https://example.com' }."),
                        BaseUrlWithComponentsId, ErrorCategory.InvalidArgument, value);
                    return false;
                }
                if (!TryInit(dictionary, out UrlPatternInit init, out error)) return false;
                input = init;
            }
            else
            {
                error = new ErrorRecord(new ArgumentException(
                    $"A URL pattern is a string, a hashtable of components or a UrlPattern, not a {TypeName(value)}."),
                    PatternTypeId, ErrorCategory.InvalidType, value);
                return false;
            }
            try
            {
                pattern = UrlPattern.Create(input, baseUrl, ignoreCase, matchTimeout);
                return true;
            }
            catch (UrlPatternFormatException e)
            {
                error = new ErrorRecord(e, InvalidPatternId, ErrorCategory.InvalidArgument, value);
            }
            catch (UrlPatternNotSupportedException e)
            {
                error = new ErrorRecord(e, NotSupportedId, ErrorCategory.NotImplemented, value);
            }
            return false;
        }

        /// <summary>An input for matching: a string, a <see cref="UrlPatternInit"/> or a <see cref="WhatwgUrl"/>.</summary>
        public static bool TryInput(object value, out object input, out ErrorRecord error)
        {
            error = null;
            input = null;
            var wrapped = value as PSObject;
            value = Unwrap(value);
            switch (value)
            {
                case string text:
                    input = text;
                    return true;
                case WhatwgUrl url:
                    input = url;
                    return true;
                case Uri uri:
                    input = uri.OriginalString;
                    return true;
                case IDictionary dictionary:
                    if (!TryInit(dictionary, out UrlPatternInit init, out error)) return false;
                    input = init;
                    return true;
            }
            // Objects with a URL property (a CSV row, a log record) match by it, as ConvertFrom-Url binds them.
            if (wrapped != null)
            {
                foreach (var name in new[] { "Url", "Href", "Uri" })
                {
                    var property = wrapped.Properties[name];
                    if (property?.Value != null) return TryInput(property.Value, out input, out error);
                }
            }
            error = new ErrorRecord(new ArgumentException(
                $"A URL pattern matches a string, a hashtable of components, a WhatwgUrl or an object with a Url property, not a {TypeName(value)}."),
                InputTypeId, ErrorCategory.InvalidType, value);
            return false;
        }

        public static ErrorRecord MatchTimeout(RegexMatchTimeoutException e, object target) =>
            new ErrorRecord(e, MatchTimeoutId, ErrorCategory.OperationTimeout, target);

        private static bool TryInit(IDictionary dictionary, out UrlPatternInit init, out ErrorRecord error)
        {
            init = new UrlPatternInit();
            error = null;
            foreach (DictionaryEntry entry in dictionary)
            {
                string key = Unwrap(entry.Key)?.ToString();
                if (!UrlPatternInit.IsKnownKey(key))
                {
                    error = new ErrorRecord(new ArgumentException(
                        $"'{key}' is not a URL pattern component; use protocol, username, password, hostname, port, pathname, search, hash or baseURL."),
                        UnknownComponentId, ErrorCategory.InvalidArgument, dictionary);
                    return false;
                }
                object item = Unwrap(entry.Value);
                init[key] = item == null ? null : Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture);
            }
            return true;
        }

        private static object Unwrap(object value) => value is PSObject ps ? ps.BaseObject : value;

        private static string TypeName(object value) => value == null ? "null" : value.GetType().FullName;
    }
}

using System;
using System.Net;

namespace EchoNet.Url
{
    /// <summary>
    /// A <see cref="WhatwgUrl"/> as a <see cref="Uri"/>, for the APIs that take one. System.Uri
    /// follows RFC 3986 and its own rules, so it may write a URL differently. Two kinds of change:
    /// <list type="bullet">
    /// <item>Escaping, which leaves the same resource: System.Uri re-escapes what the URL Standard
    /// leaves alone ('%zz' becomes '%25zz', a space in an opaque path '%20', '\' in a fragment
    /// '%5C') and decodes escapes of unreserved characters ('%41' becomes 'A'). Allowed; the
    /// help says so, and that the Href string is the exact URL.</item>
    /// <item>Anything else: another scheme, host, port or path ('c:/foo' read as the file URL
    /// 'file:///c:/foo', 'file:////pig' with the host 'pig', '\' in a non-special path read as
    /// '/'). Refused with <see cref="UriFormatException"/>, since a request would go elsewhere.</item>
    /// </list>
    /// </summary>
    internal static class UriConversion
    {
        public static Uri ToUri(WhatwgUrl url)
        {
            string href = url.Href;
            Uri uri;
            try
            {
                uri = new Uri(href, UriKind.Absolute);
            }
            catch (UriFormatException e)
            {
                throw new UriFormatException($"System.Uri cannot hold the URL '{UrlFormatException.Shortened(href)}': {e.Message} Use its Href string instead.", e);
            }
            string difference = Difference(url, uri);
            if (difference != null)
            {
                throw new UriFormatException(
                    $"System.Uri reads the URL '{UrlFormatException.Shortened(href)}' as '{UrlFormatException.Shortened(uri.AbsoluteUri)}', {difference}: " +
                    "a request would go elsewhere. Use its Href string instead.");
            }
            return uri;
        }

        /// <summary>What System.Uri changed beyond escaping ("another host ..."), or null.</summary>
        private static string Difference(WhatwgUrl url, Uri uri)
        {
            // The same text: nothing changed, however System.Uri splits it (file:///C:/ has the path "C:/" there).
            if (string.Equals(uri.AbsoluteUri, url.Href, StringComparison.Ordinal)) return null;
            if (!string.Equals(uri.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase))
                return $"with another scheme ('{uri.Scheme}' for '{url.Scheme}')";
            if (url.HostType == UrlHostType.None)
            {
                // An opaque path (mailto:a@b.c): System.Uri may read a host in it, its own reading
                // of the same text; what must hold is the text itself, up to escaping.
                return SameUnescaped(url.Href, uri.AbsoluteUri) ? null : "with its text changed";
            }
            if (!SameHost(url, uri.Host))
                return $"with another host ('{uri.Host}' for '{url.Hostname}')";
            // System.Uri knows default ports the URL Standard does not (gopher: 70): only a port
            // given on either side must agree.
            int port = url.EffectivePort ?? -1;
            if ((url.Port.Length > 0 || !uri.IsDefaultPort) && uri.Port != port)
                return $"with another port ({uri.Port} for {(port < 0 ? "none" : port.ToString(System.Globalization.CultureInfo.InvariantCulture))})";
            // An empty path and "/" ask for the same thing; a '\\' turned into '/' does not.
            string path = url.Pathname.Length == 0 ? "/" : url.Pathname;
            if (!SameUnescaped(path, uri.AbsolutePath)) return $"with another path ('{UrlFormatException.Shortened(uri.AbsolutePath)}')";
            // A bare '?' or '#' counts: Search and Hash show none for it, System.Uri does.
            string query = url.Query == null ? string.Empty : "?" + url.Query;
            string fragment = url.Fragment == null ? string.Empty : "#" + url.Fragment;
            if (!SameUnescaped(query, uri.Query) || !SameUnescaped(fragment, uri.Fragment)) return "with another query or fragment";
            return null;
        }

        /// <summary>Equal once percent-escapes are decoded: the same text, escaped another way.</summary>
        private static bool SameUnescaped(string a, string b) =>
            string.Equals(Uri.UnescapeDataString(a), Uri.UnescapeDataString(b), StringComparison.Ordinal);

        private static bool SameHost(WhatwgUrl url, string uriHost)
        {
            string host = url.Hostname;
            if (url.HostType == UrlHostType.IPv6)
            {
                // "[::7f00:1]" and "[::127.0.0.1]" are one address, written two ways.
                return IPAddress.TryParse(host.Trim('[', ']'), out var mine) && IPAddress.TryParse(uriHost.Trim('[', ']'), out var theirs)
                    && mine.Equals(theirs);
            }
            return string.Equals(host, uriHost, StringComparison.OrdinalIgnoreCase);
        }
    }
}

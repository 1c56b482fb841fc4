using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// A URL record (URL Standard, "URL representation") as the setters edit it. Each component
    /// is a slice of a string: of the old href while unchanged, of a freshly encoded value once a
    /// setter has replaced it; <see cref="UrlSerializer.Serialize"/> copies each slice once into
    /// the new href.
    /// </summary>
    internal struct UrlRecord
    {
        public string Scheme;
        public TextSlice Username, Password; // percent-encoded; empty when absent
        public UrlHostType HostType;         // None: the host is null
        public TextSlice Host;               // serialized
        public int Port;                     // -1: null
        public TextSlice Path;               // serialized: "/a/b" (without a "/." prefix), or the opaque path
        public bool OpaquePath;
        public TextSlice Query, Fragment;    // without '?' and '#'; null slices when null

        [MethodImpl(Tiering.Optimized)]
        public static UrlRecord Of(WhatwgUrl url)
        {
            url.WriteSearchParams(); // a setter edits the current record, SearchParams changes included
            string href = url.href;
            var record = new UrlRecord
            {
                Scheme = url.scheme,
                HostType = url.hostType,
                Port = url.port,
                Path = new TextSlice(href, url.pathStart, url.PathEnd),
                OpaquePath = url.opaque,
                Query = url.queryStart < 0 ? default : new TextSlice(href, url.queryStart + 1, url.QueryEnd),
                Fragment = url.fragmentStart < 0 ? default : new TextSlice(href, url.fragmentStart + 1, href.Length),
            };
            if (url.HasHost)
            {
                record.Username = new TextSlice(href, url.UsernameStart, url.usernameEnd);
                if (url.hostStart > url.usernameEnd + 1) record.Password = new TextSlice(href, url.usernameEnd + 1, url.hostStart - 1);
                record.Host = new TextSlice(href, url.hostStart, url.hostEnd);
            }
            return record;
        }

        /// <summary>"URL includes credentials": a username or a password that is not empty (a non-empty value never encodes to empty).</summary>
        public bool IncludesCredentials => Username.Length > 0 || Password.Length > 0;

        /// <summary>"Cannot have a username/password/port": no host, the empty host, or a file URL.</summary>
        public bool CannotHaveUsernamePasswordPort =>
            HostType == UrlHostType.None || HostType == UrlHostType.Empty || Scheme == SpecialSchemes.File;
    }

    /// <summary>
    /// <c>Source[Start..Start+Length)</c>, written as it is or, with <see cref="EncodeSet"/>,
    /// percent-encoded with that set while it is copied into the href (a setter's value needs no
    /// string of its own). The default value stands for a null component.
    /// </summary>
    internal readonly struct TextSlice
    {
        public readonly string Source;
        public readonly int Start, Length;
        public readonly PercentEncodeSet? EncodeSet;

        [MethodImpl(Tiering.Inline)]
        public TextSlice(string source, int start, int end, PercentEncodeSet? encodeSet = null)
        {
            Source = source;
            Start = start;
            Length = end - start;
            EncodeSet = encodeSet;
        }

        public static TextSlice Of(string s) => new TextSlice(s, 0, s.Length);

        /// <summary><paramref name="s"/> from <paramref name="start"/>, to be percent-encoded with <paramref name="set"/>.</summary>
        public static TextSlice Encoded(string s, int start, PercentEncodeSet set) => new TextSlice(s, start, s.Length, set);

        public bool IsNull => Source == null;

        public char this[int index] => Source[Start + index];
    }
}

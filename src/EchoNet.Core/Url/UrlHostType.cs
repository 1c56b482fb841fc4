namespace EchoNet
{
    /// <summary>What kind of host a URL has (URL Standard, "hosts").</summary>
    public enum UrlHostType
    {
        /// <summary>The URL has no host at all (null host), e.g. <c>mailto:a@b</c> or <c>sc:/x</c>.</summary>
        None = 0,
        /// <summary>The empty host, e.g. <c>file:///tmp</c> or <c>sc:///x</c>.</summary>
        Empty,
        /// <summary>A domain, after IDNA processing (ASCII, lowercase).</summary>
        Domain,
        IPv4,
        IPv6,
        /// <summary>The host of a non-special URL, kept as written (percent-encoded).</summary>
        Opaque,
    }
}

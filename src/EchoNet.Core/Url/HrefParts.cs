using System.Threading;

namespace EchoNet.Url
{
    /// <summary>Where the components are in the href being built; -1 for "not there (yet)".</summary>
    internal struct HrefParts
    {
        public string Scheme;
        public bool Special;
        public UrlHostType HostType;
        public int Port;
        public int UsernameEnd, HostStart, HostEnd;
        public int PathStart, QueryStart, FragmentStart;
        public bool Opaque;
        public ValidationErrorLog Errors;
        public CancellationToken Cancellation;
    }
}

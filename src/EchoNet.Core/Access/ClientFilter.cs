using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace EchoNet.Access
{
    /// <summary>
    /// Who may use a server. Deny wins over allow: a client in a denied range is refused even if
    /// it is also in an allowed one. With no allowed ranges, everyone not denied may connect.
    /// </summary>
    public sealed class ClientFilter
    {
        public ClientFilter(IEnumerable<AddressRange> allowed, IEnumerable<AddressRange> denied)
        {
            Allowed = (allowed ?? Enumerable.Empty<AddressRange>()).ToArray();
            Denied = (denied ?? Enumerable.Empty<AddressRange>()).ToArray();
        }

        public AddressRange[] Allowed { get; }
        public AddressRange[] Denied { get; }
        public bool IsOpen => Allowed.Length == 0 && Denied.Length == 0;

        public bool Admits(EndPoint remote)
        {
            if (IsOpen) return true;
            if (!(remote is IPEndPoint ip)) return false;
            foreach (var range in Denied)
                if (range.Contains(ip.Address)) return false;
            if (Allowed.Length == 0) return true;
            foreach (var range in Allowed)
                if (range.Contains(ip.Address)) return true;
            return false;
        }
    }
}

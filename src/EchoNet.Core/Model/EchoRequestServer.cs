using System.Collections;

namespace EchoNet.Server
{
    /// <summary>The server as a responder sees it (<c>$Request.Server</c>): state shared by every connection.</summary>
    public sealed class EchoRequestServer
    {
        /// <summary>
        /// Shared by all connections and safe to use from many at once (each call is atomic;
        /// a read-then-write needs <c>[System.Threading.Monitor]</c> on <c>State.SyncRoot</c>).
        /// Case-insensitive keys, like <c>@{}</c>.
        /// </summary>
        public Hashtable State { get; } = Hashtable.Synchronized(new Hashtable(System.StringComparer.OrdinalIgnoreCase));
    }
}

using System;

namespace EchoNet.Server
{
    /// <summary>
    /// Which way a fault acts, as in Toxiproxy: Downstream is what the server sends to the client
    /// (the default, so -Latency 50 adds 50 ms to a round trip), Upstream what the client sends.
    /// </summary>
    [Flags]
    public enum FaultDirection
    {
        Downstream = 1,
        Upstream = 2,
        Both = Downstream | Upstream,
    }
}

using System;

namespace EchoNet
{
    /// <summary>Transport(s) an echo server listens on.</summary>
    [Flags]
    public enum EchoProtocol
    {
        Tcp = 1,
        Udp = 2,
    }

    public enum EchoServerState
    {
        Running,
        Stopped,

        /// <summary>Taken down by Set-EchoServer -Down: nothing listens, open connections were reset; -Up serves again on the same port.</summary>
        Down,
    }
}

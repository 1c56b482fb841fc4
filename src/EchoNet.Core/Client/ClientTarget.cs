using System.Net;
using EchoNet.Addressing;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>
    /// One host × port to talk to. The one place a client port is checked: every socket a client
    /// opens is opened for a ClientTarget, so none can name a port outside 1-65535.
    /// </summary>
    public readonly struct ClientTarget
    {
        public ClientTarget(string computerName, int port)
        {
            if (!IsPort(port))
                throw new NetException(NetErrorKind.InvalidArgument, $"Port {port} of {HostPort.Format(computerName, port)} is outside 1-65535.");
            ComputerName = computerName;
            Port = port;
        }

        public string ComputerName { get; }
        public int Port { get; }

        /// <summary>"host:port" ("[v6]:port"): what errors about this target name.</summary>
        public override string ToString() => HostPort.Format(ComputerName, Port);

        public static bool IsPort(int port) => port >= 1 && port <= IPEndPoint.MaxPort;
    }
}

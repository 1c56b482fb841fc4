using EchoNet.Addressing;
using EchoNet.Client;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// One probe of a series as the statistics see it: which target, whether it got an answer,
    /// and how long that took. Read from the client cmdlets' results; the one place that knows
    /// which of their properties is the round trip.
    /// </summary>
    public readonly struct ProbeOutcome
    {
        private ProbeOutcome(string computerName, int port, string kind, double? ms, string failure)
        {
            ComputerName = computerName;
            Port = port;
            Kind = kind;
            Milliseconds = ms;
            Failure = failure;
        }

        public string ComputerName { get; }
        public int Port { get; }

        /// <summary>What was measured: TcpMessage (round trips), UdpDatagram (round trips) or TcpConnect (connect times).</summary>
        public string Kind { get; }

        /// <summary>The time of a probe that succeeded; null for one that failed.</summary>
        public double? Milliseconds { get; }

        /// <summary>Why the probe failed (ConnectionRefused, NoReply, ...); null when it succeeded.</summary>
        public string Failure { get; }

        public bool Succeeded => Milliseconds.HasValue;

        /// <summary>"host:port (Kind)": results of different targets or kinds are summarized apart.</summary>
        public string SeriesKey => HostPort.Format(ComputerName, Port) + " (" + Kind + ")";

        public static ProbeOutcome Success(string computerName, int port, string kind, double ms) =>
            new ProbeOutcome(computerName, port, kind, ms, null);

        public static ProbeOutcome Failed(string computerName, int port, string kind, string failure) =>
            new ProbeOutcome(computerName, port, kind, null, failure);

        /// <summary>
        /// Reads a result; false, with the reason, when it is not a probe: another type, a result
        /// without a round trip (a datagram sent with no reply asked, a message sent with -NoReply
        /// over an open connection) or bytes left over when a connection ended.
        /// </summary>
        public static bool TryRead(object result, out ProbeOutcome outcome, out string whyNot)
        {
            outcome = default;
            whyNot = null;
            switch (result)
            {
                case TcpMessageResult tcp:
                    return TryReadTcp(tcp, out outcome, out whyNot);
                case UdpDatagramResult udp:
                    if (udp.Status == UdpDatagramStatus.Sent)
                    {
                        whyNot = "a datagram sent without -WaitForReply has no round trip";
                        return false;
                    }
                    outcome = udp.Replied && udp.RoundTripMs.HasValue
                        ? Success(udp.ComputerName, udp.Port, "UdpDatagram", udp.RoundTripMs.Value)
                        : Failed(udp.ComputerName, udp.Port, "UdpDatagram", udp.Status.ToString());
                    return true;
                case TcpConnectResult connect:
                    outcome = connect.Connected
                        ? Success(connect.ComputerName, connect.Port, "TcpConnect", connect.ConnectTimeMs)
                        : Failed(connect.ComputerName, connect.Port, "TcpConnect", connect.Status);
                    return true;
                default:
                    whyNot = result == null ? "null is not a result" : $"{result.GetType().FullName} is not a result of Send-TcpMessage, Receive-TcpMessage, Send-UdpDatagram or Test-TcpPort";
                    return false;
            }
        }

        private static bool TryReadTcp(TcpMessageResult tcp, out ProbeOutcome outcome, out string whyNot)
        {
            outcome = default;
            whyNot = null;
            if (tcp.ReplyEnd == ReplyEnd.Leftover)
            {
                whyNot = "bytes left over when a connection ended are not a probe";
                return false;
            }
            if (tcp.ErrorKind != null)
            {
                outcome = Failed(tcp.ComputerName, tcp.Port, "TcpMessage", tcp.Status);
                return true;
            }
            if (tcp.ReplyEnd != ReplyEnd.NotRead)
            {
                outcome = Success(tcp.ComputerName, tcp.Port, "TcpMessage", tcp.RoundTripMs);
                return true;
            }
            // -NoReply: no reply was read, but a fresh connection was timed (Send-TcpMessage's connect test).
            if (tcp.ConnectTime > System.TimeSpan.Zero)
            {
                outcome = Success(tcp.ComputerName, tcp.Port, "TcpConnect", tcp.ConnectTimeMs);
                return true;
            }
            whyNot = "a message sent with -NoReply over an open connection has no round trip";
            return false;
        }
    }
}

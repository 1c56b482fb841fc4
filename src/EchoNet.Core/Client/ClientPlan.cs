using System;
using System.Text;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>
    /// What one client command is to do, read from its parameters once (in BeginProcessing) and
    /// fixed from then on: how a conversation with a target is opened (TCP, UDP, over an open
    /// session, or opening a session), the payloads, and how many targets run at once.
    /// <see cref="ClientRunner"/> carries it out; the targets come with each pipeline record, as
    /// -ComputerName and -Port may be bound from it by property name.
    /// </summary>
    public sealed class ClientPlan
    {
        private readonly Func<ClientTarget, CancellationToken, ITargetConversation> _open;

        private ClientPlan(Func<ClientTarget, CancellationToken, ITargetConversation> open, ClientPayloads payloads, int throttleLimit, TcpSession session)
        {
            _open = open;
            Payloads = payloads;
            ThrottleLimit = Math.Max(1, throttleLimit);
            Session = session;
        }

        /// <summary>Messages over connections of their own (Send-TcpMessage).</summary>
        public static ClientPlan Tcp(TcpConversationSettings settings, ClientPayloads payloads, int throttleLimit)
            => new ClientPlan(settings.Open, payloads, throttleLimit, null);

        /// <summary>Datagram series (Send-UdpDatagram).</summary>
        public static ClientPlan Udp(UdpSeriesSettings settings, ClientPayloads payloads, int throttleLimit)
            => new ClientPlan(settings.Open, payloads, throttleLimit, null);

        /// <summary>Messages over an open session, which is the one target (Send-TcpMessage -Session, Receive-TcpMessage).</summary>
        public static ClientPlan OverSession(TcpSession session, TcpConversationSettings settings, ClientPayloads payloads)
            => new ClientPlan((target, cancel) => settings.Over(session, cancel), payloads, 1, session);

        /// <summary>Opens a session per target, reported as a result (Connect-TcpSession, Enter-TcpSession).</summary>
        public static ClientPlan Connect(int timeoutMs, TlsClientOptions tls, Encoding encoding, bool trace)
            => new ClientPlan((target, cancel) => new SessionOpening(target, timeoutMs, tls, encoding, trace, cancel),
                ClientPayloads.ListenFirst, 1, null);

        public ClientPayloads Payloads { get; }

        /// <summary>Targets worked on at once when there are several.</summary>
        public int ThrottleLimit { get; }

        /// <summary>The open session that is the one target, or null when targets come from -ComputerName/-Port.</summary>
        public TcpSession Session { get; }

        /// <summary>Opens the conversation with one target; called on the pipeline thread or a fan-out worker.</summary>
        internal ITargetConversation Open(ClientTarget target, CancellationToken cancel) => _open(target, cancel);
    }
}

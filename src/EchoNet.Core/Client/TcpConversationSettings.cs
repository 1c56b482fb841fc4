using System.Text;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>How every TCP conversation of one command behaves; read-only once made.</summary>
    public sealed class TcpConversationSettings
    {
        public TcpConversationSettings(ReplyRule rule, Encoding encoding, int timeoutMs, TlsClientOptions tls, bool connectTest, bool trace,
            string outFile = null, bool readGreeting = false)
        {
            OutFile = outFile;
            ReadGreeting = readGreeting;
            Rule = rule;
            Encoding = encoding;
            TimeoutMs = timeoutMs;
            Tls = tls;
            ConnectTest = connectTest;
            Trace = trace;
        }

        public ReplyRule Rule { get; }

        /// <summary>Decodes replies into text.</summary>
        public Encoding Encoding { get; }

        /// <summary>Bounds each wait: connect, send and reply.</summary>
        public int TimeoutMs { get; }

        /// <summary>Speak TLS with these checks; null for plain TCP.</summary>
        public TlsClientOptions Tls { get; }

        /// <summary>Only connect: a failed connect is a result (Connected false) and not also an error.</summary>
        public bool ConnectTest { get; }

        /// <summary>Gather trace lines (names resolved, addresses tried, TLS, bytes, reply ends).</summary>
        public bool Trace { get; }

        /// <summary>Where the bytes received for a file payload go, appended (-OutFile); null: they make the reply.</summary>
        public string OutFile { get; }

        /// <summary>On each new connection, first take what the peer says by itself (a banner), as its own result.</summary>
        public bool ReadGreeting { get; }

        /// <summary>A conversation over a connection of its own, opened at the first message.</summary>
        internal ITargetConversation Open(ClientTarget target, CancellationToken cancel)
            => new TcpConversation(target, this, cancel);

        /// <summary>A conversation over an open session, which it neither connects nor closes.</summary>
        internal ITargetConversation Over(TcpSession session, CancellationToken cancel)
            => new SessionConversation(session, this, cancel);
    }
}

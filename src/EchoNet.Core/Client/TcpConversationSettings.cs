using System.Text;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>How every TCP conversation of one Send-TcpMessage call behaves; read-only once made.</summary>
    public sealed class TcpConversationSettings
    {
        public TcpConversationSettings(ReplyRule rule, Encoding encoding, int timeoutMs, TlsClientOptions tls, bool connectTest)
        {
            Rule = rule;
            Encoding = encoding;
            TimeoutMs = timeoutMs;
            Tls = tls;
            ConnectTest = connectTest;
        }

        public ReplyRule Rule { get; }

        /// <summary>Decodes replies into text.</summary>
        public Encoding Encoding { get; }

        /// <summary>Bounds each wait: connect, send and reply.</summary>
        public int TimeoutMs { get; }

        /// <summary>Speak TLS with these checks; null for plain TCP.</summary>
        public TlsClientOptions Tls { get; }

        /// <summary>Only connect: a failed connect is a result (Connected false), not an error.</summary>
        public bool ConnectTest { get; }

        public ITargetConversation Open(string computerName, int port, CancellationToken cancel)
            => new TcpConversation(computerName, port, this, cancel);
    }
}

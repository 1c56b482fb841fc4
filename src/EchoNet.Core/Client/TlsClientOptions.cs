namespace EchoNet.Client
{
    /// <summary>How a client's TLS checks the server; a value, fixed once made.</summary>
    public sealed class TlsClientOptions
    {
        public TlsClientOptions(string serverName, bool skipCertificateCheck)
        {
            ServerName = serverName;
            SkipCertificateCheck = skipCertificateCheck;
        }

        /// <summary>Name sent as SNI and checked against the certificate; null: the host name given.</summary>
        public string ServerName { get; }

        /// <summary>Accept any certificate. For test servers only: it removes TLS's protection.</summary>
        public bool SkipCertificateCheck { get; }

        /// <summary>
        /// The one way client parameters become TLS options: null without -UseTls. When
        /// -SkipCertificateCheck or -ServerName is given without -UseTls, <paramref name="ignored"/>
        /// says so, for the caller to warn.
        /// </summary>
        public static TlsClientOptions From(bool useTls, string serverName, bool skipCertificateCheck, out string ignored)
        {
            ignored = !useTls && (skipCertificateCheck || serverName != null)
                ? "-SkipCertificateCheck and -ServerName only matter with -UseTls."
                : null;
            return useTls ? new TlsClientOptions(serverName, skipCertificateCheck) : null;
        }
    }
}

namespace EchoNet.Client
{
    /// <summary>How Send-TcpMessage -UseTls checks the server.</summary>
    public sealed class TlsClientOptions
    {
        /// <summary>Name sent as SNI and checked against the certificate; null: the host name given.</summary>
        public string ServerName { get; set; }

        /// <summary>Accept any certificate. For test servers only: it removes TLS's protection.</summary>
        public bool SkipCertificateCheck { get; set; }
    }
}

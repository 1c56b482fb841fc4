using System;

namespace EchoNet.Client
{
    /// <summary>What a TLS handshake settled on, and whom the server's certificate names.</summary>
    public sealed class TlsDetails
    {
        public string Protocol { get; internal set; }
        public string Cipher { get; internal set; }
        public string CertificateSubject { get; internal set; }
        public string CertificateIssuer { get; internal set; }
        public DateTime? CertificateExpires { get; internal set; }
        public string CertificateThumbprint { get; internal set; }

        public override string ToString() => $"{Protocol} {Cipher}";
    }
}

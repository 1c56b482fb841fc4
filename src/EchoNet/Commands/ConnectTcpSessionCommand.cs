using System.Management.Automation;
using System.Text;
using EchoNet.Addressing;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Sending;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>
    /// Opens a TCP (or TLS) connection that stays open between commands: a session for
    /// Send-TcpMessage -Session and Receive-TcpMessage, listed by Get-TcpSession, closed by
    /// Disconnect-TcpSession or Remove-Module.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "TcpSession")]
    [OutputType(typeof(TcpSession))]
    public sealed class ConnectTcpSessionCommand : ConversationCommand
    {
        /// <summary>Host name or address; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int Port { get; set; }

        /// <summary>Milliseconds that bound the connect and the TLS handshake.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        /// <summary>The session's text encoding: what Send-TcpMessage and Receive-TcpMessage use with it unless told otherwise.</summary>
        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Default;

        [Parameter]
        public SwitchParameter UseTls { get; set; }

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServerName { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if ((SkipCertificateCheck || ServerName != null) && !UseTls)
                WriteWarning("-SkipCertificateCheck and -ServerName only matter with -UseTls.");
        }

        protected override void ProcessRecord()
        {
            bool portGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Port));
            var tls = UseTls ? new TlsClientOptions { ServerName = ServerName, SkipCertificateCheck = SkipCertificateCheck } : null;
            var session = OpenSession(ComputerName, portGiven ? Port : (int?)null, Timeout, tls, Encoding);
            if (session != null) WriteObject(session);
        }
    }
}

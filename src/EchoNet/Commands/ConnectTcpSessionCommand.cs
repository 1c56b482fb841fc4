using System.Management.Automation;
using System.Text;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.Planning;
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
    public sealed class ConnectTcpSessionCommand : ClientCommand
    {
        /// <summary>Host name or address; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComputerNameCompleter))]
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

        private ClientRunner _runner;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var plan = ClientPlan.Connect(Timeout, TlsOptions(UseTls, ServerName, SkipCertificateCheck), Encoding, Tracing);
            _runner = new ClientRunner(plan, Cancel);
        }

        protected override void ProcessRecord()
        {
            bool portGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Port));
            WriteReports(_runner.Send(ResolveTargets(new[] { ComputerName }, portGiven ? new[] { Port } : null), null));
        }

        protected override void EndProcessing() => WriteReports(_runner.Finish());

        public override void Dispose()
        {
            _runner?.Dispose();
            base.Dispose();
        }
    }
}

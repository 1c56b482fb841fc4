using System.Management.Automation;
using System.Text;
using System.Threading;
using EchoNet.Text;

namespace EchoNet.Commands
{
    /// <summary>
    /// What Send-TcpMessage and Send-UdpDatagram share: the target, the payload as text or bytes,
    /// the encoding, the timeout, and Ctrl+C. Each record's payload goes to <see cref="Send"/>.
    /// </summary>
    public abstract class SendCommandBase : PSCmdlet
    {
        protected const string TextSet = "Text";
        protected const string BytesSet = "Bytes";

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; } = "localhost";

        [Parameter(Position = 1, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ParameterSetName = TextSet, Position = 2, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Message { get; set; }

        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [AllowEmptyCollection]
        public byte[] Bytes { get; set; }

        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Default;

        /// <summary>Milliseconds that bound each wait: connect, send and reply.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        /// <summary>Canceled by Ctrl+C; every blocking wait takes it.</summary>
        protected CancellationTokenSource Cancel { get; } = new CancellationTokenSource();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == BytesSet)
            {
                Send(null, Bytes ?? new byte[0]);
                return;
            }
            // No -Message at all: one empty message, so the target is still contacted and reported.
            foreach (var text in Message ?? new[] { string.Empty })
            {
                if (Cancel.IsCancellationRequested) return;
                Send(text ?? string.Empty, Encoding.GetBytes(text ?? string.Empty));
            }
        }

        /// <summary>Sends one record's payload; <paramref name="text"/> is null for -Bytes.</summary>
        protected abstract void Send(string text, byte[] payload);

        protected override void StopProcessing() => Cancel.Cancel();
    }
}

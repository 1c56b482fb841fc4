using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Planning;

namespace EchoNet.Commands
{
    /// <summary>
    /// Sends UDP datagrams, fire-and-forget or waiting for a reply. No reply within the timeout
    /// is a result (Status NoReply), not an error: many UDP services never answer.
    /// With -Count it sends a series (a UDP ping), one result per datagram.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "UdpDatagram", DefaultParameterSetName = TextSet)]
    [OutputType(typeof(UdpDatagramResult))]
    public sealed class SendUdpDatagramCommand : SendCommandBase
    {
        [Parameter(ParameterSetName = TextSet, Position = 2, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Message { get; set; }

        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [AllowEmptyCollection]
        public byte[] Bytes { get; set; }

        [Parameter]
        public SwitchParameter WaitForReply { get; set; }

        /// <summary>Datagrams to send per message.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>Milliseconds between the datagrams of a series.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Interval { get; set; } = 1000;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A reply timeout implies waiting for the reply.
            bool waitForReply = WaitForReply || MyInvocation.BoundParameters.ContainsKey(nameof(Timeout));
            var settings = new UdpSeriesSettings(Encoding, waitForReply, Timeout, Count, Interval, Tracing);
            var payloads = ParameterSetName == BytesSet ? ClientPayloads.Raw(Bytes) : TextPayloads(Message, Encoding);
            Start(ClientPlan.Udp(settings, payloads, ThrottleLimit));
        }

        protected override void ProcessRecord() => Run(Message);
    }
}

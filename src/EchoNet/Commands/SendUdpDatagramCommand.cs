using System;
using System.Management.Automation;
using EchoNet.Client;
using EchoNet.Net;

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
        private UdpDatagramClient _client;
        private int _sequence;

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
            // A reply timeout implies waiting for the reply.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Timeout))) WaitForReply = true;
        }

        protected override void Send(string text, byte[] payload)
        {
            for (int i = 0; i < Count && !Cancel.IsCancellationRequested; i++)
            {
                if (i > 0 && Cancel.Token.WaitHandle.WaitOne(Interval)) return; // Ctrl+C during the pause
                if (!SendOne(text, payload)) return;
            }
        }

        /// <summary>Sends one datagram and writes its result; false when the rest of the series is pointless.</summary>
        private bool SendOne(string text, byte[] payload)
        {
            try
            {
                if (_client == null) _client = UdpDatagramClient.Open(ComputerName, Port, Timeout, Cancel.Token);
                var exchange = _client.Send(payload, WaitForReply, Timeout, Cancel.Token);
                WriteObject(new UdpDatagramResult
                {
                    ComputerName = ComputerName,
                    RemoteEndPoint = _client.RemoteEndPoint,
                    LocalEndPoint = _client.LocalEndPoint,
                    Sequence = ++_sequence,
                    Message = text,
                    BytesSent = payload.Length,
                    Status = exchange.Status,
                    Reply = exchange.Reply == null ? null : Encoding.GetString(exchange.Reply),
                    ReplyBytes = exchange.Reply,
                    RoundTrip = exchange.Reply == null ? (TimeSpan?)null : exchange.RoundTrip,
                });
                return true;
            }
            catch (NetException e)
            {
                if (e.Kind != NetErrorKind.Canceled) WriteError(NetErrors.ToErrorRecord(e, (object)text ?? payload));
                return false;
            }
        }

        protected override void EndProcessing() => _client?.Dispose();
    }
}

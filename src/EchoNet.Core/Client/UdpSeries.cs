using System.Collections.Generic;
using System.Threading;
using System;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>The exchange with one UDP target: each message sent Count times, IntervalMs apart.</summary>
    internal sealed class UdpSeries : TargetConversation
    {
        private readonly UdpSeriesSettings _settings;
        private UdpDatagramClient _client;
        private int _sequence;

        public UdpSeries(ClientTarget to, UdpSeriesSettings settings, CancellationToken cancel)
            : base(to, cancel)
        {
            _settings = settings;
        }

        public override IEnumerable<ClientReport> Send(ClientPayload payload)
        {
            for (int i = 0; i < _settings.Count && !Cancel.IsCancellationRequested; i++)
            {
                if (i > 0 && Cancel.WaitHandle.WaitOne(_settings.IntervalMs)) yield break; // canceled during the pause
                ClientReport report;
                try
                {
                    if (_client == null) _client = UdpDatagramClient.Open(To, _settings.TimeoutMs, Cancel);
                    var exchange = _client.Send(payload.Bytes, _settings.WaitForReply, _settings.TimeoutMs, Cancel);
                    report = ClientReport.ForResult(new UdpDatagramResult
                    {
                        ComputerName = ComputerName,
                        RemoteEndPoint = _client.RemoteEndPoint,
                        LocalEndPoint = _client.LocalEndPoint,
                        Sequence = ++_sequence,
                        Message = payload.Text,
                        BytesSent = exchange.BytesSent,
                        Status = exchange.Status,
                        Reply = exchange.Reply == null ? null : _settings.Encoding.GetString(exchange.Reply),
                        ReplyBytes = exchange.Reply,
                        RoundTrip = exchange.Reply == null ? (TimeSpan?)null : exchange.RoundTrip,
                    });
                }
                catch (NetException e)
                {
                    if (e.Kind == NetErrorKind.Canceled) yield break;
                    report = ClientReport.ForError(e.Naming(Target), Target);
                }
                if (_settings.Trace && report.Result is UdpDatagramResult sent)
                    yield return ClientReport.ForTrace($"Datagram {sent.Sequence} of {sent.BytesSent} bytes to {Target} ({sent.RemoteEndPoint}): {sent.Status}" +
                        (sent.ReplyBytes != null ? $", {sent.ReplyBytes.Length} bytes back." : "."));
                yield return report;
                if (report.Error != null) yield break; // the rest of the series would fail alike
            }
        }

        public override void Dispose()
        {
            _client?.Dispose();
            _client = null;
        }
    }
}

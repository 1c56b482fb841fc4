using System.Collections.Generic;
using System.Text;
using System.Threading;
using System;
using EchoNet.Client;
using EchoNet.ErrorRecords;
using EchoNet.Errors;

namespace EchoNet.Sending
{
    /// <summary>Send-UdpDatagram's exchange with one target: each payload sent -Count times, -Interval apart.</summary>
    internal sealed class UdpTargetSession : TargetSession
    {
        private readonly Encoding _encoding;
        private readonly bool _waitForReply;
        private readonly int _timeoutMs;
        private readonly int _count;
        private readonly int _intervalMs;
        private readonly CancellationToken _cancel;
        private UdpDatagramClient _client;
        private int _sequence;

        public UdpTargetSession(string computerName, int port, Encoding encoding, bool waitForReply, int timeoutMs,
            int count, int intervalMs, CancellationToken cancel)
            : base(computerName, port)
        {
            _encoding = encoding;
            _waitForReply = waitForReply;
            _timeoutMs = timeoutMs;
            _count = count;
            _intervalMs = intervalMs;
            _cancel = cancel;
        }

        public override IEnumerable<object> Send(string text, byte[] payload)
        {
            for (int i = 0; i < _count && !_cancel.IsCancellationRequested; i++)
            {
                if (i > 0 && _cancel.WaitHandle.WaitOne(_intervalMs)) yield break; // Ctrl+C during the pause
                object output;
                try
                {
                    if (_client == null) _client = UdpDatagramClient.Open(ComputerName, Port, _timeoutMs, _cancel);
                    var exchange = _client.Send(payload, _waitForReply, _timeoutMs, _cancel);
                    output = new UdpDatagramResult
                    {
                        ComputerName = ComputerName,
                        RemoteEndPoint = _client.RemoteEndPoint,
                        LocalEndPoint = _client.LocalEndPoint,
                        Sequence = ++_sequence,
                        Message = text,
                        BytesSent = payload.Length,
                        Status = exchange.Status,
                        Reply = exchange.Reply == null ? null : _encoding.GetString(exchange.Reply),
                        ReplyBytes = exchange.Reply,
                        RoundTrip = exchange.Reply == null ? (TimeSpan?)null : exchange.RoundTrip,
                    };
                }
                catch (NetException e)
                {
                    if (e.Kind == NetErrorKind.Canceled) yield break;
                    output = NetErrors.ToErrorRecord(e, (object)text ?? payload);
                }
                yield return output;
                if (output is System.Management.Automation.ErrorRecord) yield break; // the rest of the series would fail alike
            }
        }

        public override void Dispose()
        {
            _client?.Dispose();
            _client = null;
        }
    }
}

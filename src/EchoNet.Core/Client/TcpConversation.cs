using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// The conversation with one TCP target over one connection, opened at the first message.
    /// After a failure the connection's state is unknown, so the next message connects afresh.
    /// </summary>
    internal sealed class TcpConversation : TargetConversation
    {
        private readonly TcpConversationSettings _settings;
        private IMessageClient _client;
        private TimeSpan _connectTime;

        public TcpConversation(string computerName, int port, TcpConversationSettings settings, CancellationToken cancel)
            : base(computerName, port, cancel)
        {
            _settings = settings;
        }

        public override IEnumerable<ClientReport> Send(ClientPayload payload)
        {
            ClientReport report;
            try
            {
                bool fresh = _client == null;
                if (fresh) Connect();
                var rule = _settings.Rule;
                var exchange = _client.Exchange(payload.Bytes, rule, _settings.TimeoutMs, Cancel);
                report = ClientReport.ForResult(new TcpMessageResult
                {
                    ComputerName = ComputerName,
                    Port = Port,
                    Connected = true,
                    ConnectTime = fresh ? _connectTime : TimeSpan.Zero,
                    RemoteEndPoint = _client.RemoteEndPoint,
                    LocalEndPoint = _client.LocalEndPoint,
                    Message = payload.Text,
                    BytesSent = exchange.BytesSent,
                    Reply = rule.Mode == ReplyMode.None ? null : _settings.Encoding.GetString(exchange.Reply),
                    ReplyBytes = exchange.Reply,
                    ReplyEnd = exchange.End,
                    RoundTrip = exchange.RoundTrip,
                });
            }
            catch (NetException e)
            {
                Dispose();
                if (e.Kind == NetErrorKind.Canceled) yield break;
                report = _settings.ConnectTest
                    ? ClientReport.ForResult(new TcpMessageResult
                    {
                        ComputerName = ComputerName, Port = Port, Connected = false, Error = e.Message, ConnectTime = _connectTime,
                    })
                    : ClientReport.ForError(e, payload.Subject);
            }
            catch (ObjectDisposedException)
            {
                Dispose(); // canceled: the socket was closed under us.
                yield break;
            }
            yield return report;
        }

        private void Connect()
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                _client = _settings.Tls == null
                    ? (IMessageClient)TcpMessageClient.Connect(ComputerName, Port, _settings.TimeoutMs, Cancel)
                    : TlsMessageClient.Connect(ComputerName, Port, _settings.TimeoutMs, Cancel, _settings.Tls);
            }
            finally
            {
                _connectTime = TimeSpan.FromMilliseconds(Waits.ElapsedMs(start));
            }
        }

        public override void Dispose()
        {
            _client?.Dispose();
            _client = null;
        }
    }
}

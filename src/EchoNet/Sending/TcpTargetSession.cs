using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System;
using EchoNet.Client;
using EchoNet.ErrorRecords;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Sending
{
    /// <summary>
    /// Send-TcpMessage's conversation with one target over one connection. After a failure the
    /// connection's state is unknown, so the next message connects afresh.
    /// </summary>
    internal sealed class TcpTargetSession : TargetSession
    {
        private readonly ReplyRule _rule;
        private readonly Encoding _encoding;
        private readonly int _timeoutMs;
        private readonly TlsClientOptions _tls;
        private readonly bool _connectTest;
        private readonly CancellationToken _cancel;
        private IMessageClient _client;
        private TimeSpan _connectTime;

        public TcpTargetSession(string computerName, int port, ReplyRule rule, Encoding encoding, int timeoutMs,
            TlsClientOptions tls, bool connectTest, CancellationToken cancel)
            : base(computerName, port)
        {
            _rule = rule;
            _encoding = encoding;
            _timeoutMs = timeoutMs;
            _tls = tls;
            _connectTest = connectTest;
            _cancel = cancel;
        }

        public override IEnumerable<object> Send(string text, byte[] payload)
        {
            object output;
            try
            {
                bool fresh = _client == null;
                if (fresh) Connect();
                var exchange = _client.Exchange(payload, _rule, _timeoutMs, _cancel);
                output = new TcpMessageResult
                {
                    ComputerName = ComputerName,
                    Port = Port,
                    Connected = true,
                    ConnectTime = fresh ? _connectTime : TimeSpan.Zero,
                    RemoteEndPoint = _client.RemoteEndPoint,
                    LocalEndPoint = _client.LocalEndPoint,
                    Message = text,
                    BytesSent = exchange.BytesSent,
                    Reply = _rule.Mode == ReplyMode.None ? null : _encoding.GetString(exchange.Reply),
                    ReplyBytes = exchange.Reply,
                    ReplyEnd = exchange.End,
                    RoundTrip = exchange.RoundTrip,
                };
            }
            catch (NetException e)
            {
                Dispose();
                if (e.Kind == NetErrorKind.Canceled) yield break;
                output = _connectTest
                    ? new TcpMessageResult { ComputerName = ComputerName, Port = Port, Connected = false, Error = e.Message, ConnectTime = _connectTime }
                    : (object)NetErrors.ToErrorRecord(e, (object)text ?? payload);
            }
            catch (ObjectDisposedException)
            {
                Dispose(); // StopProcessing closed the socket under us.
                yield break;
            }
            yield return output;
        }

        private void Connect()
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                _client = _tls == null
                    ? (IMessageClient)TcpMessageClient.Connect(ComputerName, Port, _timeoutMs, _cancel)
                    : TlsMessageClient.Connect(ComputerName, Port, _timeoutMs, _cancel, _tls);
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

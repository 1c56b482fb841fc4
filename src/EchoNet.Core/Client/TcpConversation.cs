using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// The conversation with one TCP target over a connection of its own, opened at the first
    /// message. After a failure, or once the peer has closed, the next message connects afresh;
    /// bytes the old connection held that no reply took are reported first, as a Leftover result.
    /// Every message gives one result, failed ones too (with the error reported beside it).
    /// </summary>
    internal sealed class TcpConversation : TargetConversation
    {
        private readonly TcpConversationSettings _settings;
        private readonly ClientTrace _trace;
        private TcpConnection _connection;

        public TcpConversation(ClientTarget to, TcpConversationSettings settings, CancellationToken cancel)
            : base(to, cancel)
        {
            _settings = settings;
            _trace = settings.Trace ? new ClientTrace() : null;
        }

        public override IEnumerable<ClientReport> Send(ClientPayload payload)
        {
            var reports = new List<ClientReport>(1);
            if (_connection != null && (_connection.PeerClosed || _connection.IsDisposed)) EndConnection(reports);
            bool fresh = _connection == null;
            long start = Stopwatch.GetTimestamp();
            try
            {
                if (fresh) _connection = TcpConnection.Open(To, _settings.TimeoutMs, _settings.Tls, _trace, Cancel);
                if (fresh && _settings.ReadGreeting && !payload.Listen)
                {
                    var greeting = _connection.Exchange(ClientPayload.None.Bytes, _settings.Rule, _settings.TimeoutMs, Cancel, _trace);
                    reports.Add(ClientReport.ForResult(TcpResults.Exchanged(_connection, true, ClientPayload.None, greeting, _settings.Rule, _settings.Encoding)));
                    fresh = false;
                }
                var exchange = payload.Path != null
                    ? SendFile(payload.Path)
                    : _connection.Exchange(payload.Bytes, payload.RuleFor(_settings.Rule), _settings.TimeoutMs, Cancel, _trace);
                AddTrace(reports, _trace);
                reports.Add(ClientReport.ForResult(TcpResults.Exchanged(_connection, fresh, payload, exchange, payload.RuleFor(_settings.Rule), _settings.Encoding)));
            }
            catch (NetException e)
            {
                var failed = _connection;
                var error = e.Naming(Target);
                AddTrace(reports, _trace);
                if (e.Kind == NetErrorKind.Canceled)
                {
                    EndConnection(reports);
                    return reports;
                }
                var connectTime = fresh ? TimeSpan.FromMilliseconds(Waits.ElapsedMs(start)) : TimeSpan.Zero;
                reports.Add(ClientReport.ForResult(TcpResults.Failed(ComputerName, Port, failed, payload, error, connectTime)));
                if (!_settings.ConnectTest) reports.Add(ClientReport.ForError(error, Target));
                EndConnection(reports); // its state is unknown after a failure
            }
            catch (ObjectDisposedException)
            {
                Dispose(); // canceled: the socket was closed under us.
            }
            return reports;
        }

        /// <summary>A file payload, streamed; what comes back goes to -OutFile when there is one.</summary>
        private TcpExchange SendFile(string path)
        {
            using (var source = OpenFile(path, FileMode.Open, FileAccess.Read))
            using (var receivedTo = _settings.OutFile == null ? null : OpenFile(_settings.OutFile, FileMode.Append, FileAccess.Write))
                return _connection.ExchangeFrom(source, _settings.Rule, receivedTo, _settings.TimeoutMs, Cancel, _trace);
        }

        private static FileStream OpenFile(string path, FileMode mode, FileAccess access)
        {
            try
            {
                return new FileStream(path, mode, access, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new NetException(NetErrorKind.InvalidArgument, $"Cannot open {path}: {e.Message}", e);
            }
        }

        public override IEnumerable<ClientReport> Close()
        {
            var reports = new List<ClientReport>();
            EndConnection(reports);
            return reports;
        }

        /// <summary>Closes the connection, reporting the bytes it held that no reply took.</summary>
        private void EndConnection(List<ClientReport> reports)
        {
            if (_connection == null) return;
            // Under -NoReply nothing is read, so nothing is drained: replies were not asked for.
            var leftover = _connection.TakeLeftover(drain: _settings.Rule.Mode != ReplyMode.None);
            if (leftover.Length > 0)
            {
                _trace?.Add($"{leftover.Length} bytes from {Target} were left when the connection ended; they are returned as a Leftover result.");
                AddTrace(reports, _trace);
                reports.Add(ClientReport.ForResult(TcpResults.Leftover(_connection, leftover, _settings.Encoding)));
            }
            Dispose();
        }

        public override void Dispose()
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}

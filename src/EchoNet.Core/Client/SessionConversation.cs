using System.Collections.Generic;
using System.Threading;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>
    /// Messages over an open <see cref="TcpSession"/>: same reply rules as a conversation of its
    /// own, but no connect and no close; bytes beyond a reply stay in the session for the next
    /// command. An empty payload only receives.
    /// </summary>
    internal sealed class SessionConversation : TargetConversation
    {
        private readonly TcpSession _session;
        private readonly TcpConversationSettings _settings;
        private readonly ClientTrace _trace;

        public SessionConversation(TcpSession session, TcpConversationSettings settings, CancellationToken cancel)
            : base(new ClientTarget(session.ComputerName, session.Port), cancel)
        {
            _session = session;
            _settings = settings;
            _trace = settings.Trace ? new ClientTrace() : null;
        }

        public override IEnumerable<ClientReport> Send(ClientPayload payload)
        {
            var reports = new List<ClientReport>(1);
            var encoding = _settings.Encoding;
            TcpMessageResult result;
            try
            {
                var exchange = _session.Exchange(payload.Bytes, payload.RuleFor(_settings.Rule), _settings.TimeoutMs, Cancel, _trace);
                result = TcpResults.Exchanged(_session.Connection, false, payload, exchange, payload.RuleFor(_settings.Rule), encoding);
                AddTrace(reports, _trace);
            }
            catch (NetException e)
            {
                AddTrace(reports, _trace);
                if (e.Kind == NetErrorKind.Canceled) return reports;
                var error = e.Naming(Target);
                result = TcpResults.Failed(ComputerName, Port, _session.Connection, payload, error, System.TimeSpan.Zero);
                result.SessionId = _session.Id;
                reports.Add(ClientReport.ForResult(result));
                reports.Add(ClientReport.ForError(error, Target));
                return reports;
            }
            result.SessionId = _session.Id;
            reports.Add(ClientReport.ForResult(result));
            return reports;
        }

        public override IEnumerable<ClientReport> Close() => new ClientReport[0]; // the session outlives the command

        public override void Dispose()
        {
        }
    }
}

using System.Collections.Generic;
using System.Text;
using System.Threading;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>
    /// Connect-TcpSession's "conversation" with a target: each send opens a session, reported as
    /// a result, or a failure naming host and port (nothing when canceled), after its trace lines.
    /// </summary>
    internal sealed class SessionOpening : TargetConversation
    {
        private readonly int _timeoutMs;
        private readonly TlsClientOptions _tls;
        private readonly Encoding _encoding;
        private readonly bool _trace;

        public SessionOpening(ClientTarget to, int timeoutMs, TlsClientOptions tls, Encoding encoding, bool trace, CancellationToken cancel)
            : base(to, cancel)
        {
            _timeoutMs = timeoutMs;
            _tls = tls;
            _encoding = encoding;
            _trace = trace;
        }

        public override IEnumerable<ClientReport> Send(ClientPayload payload)
        {
            var reports = new List<ClientReport>(1);
            var trace = _trace ? new ClientTrace() : null;
            try
            {
                var session = TcpSession.Connect(To, _timeoutMs, _tls, _encoding, trace, Cancel);
                AddTrace(reports, trace);
                reports.Add(ClientReport.ForResult(session));
                var many = TcpSessionRegistry.ManySessionsWarning();
                if (many != null) reports.Add(ClientReport.ForWarning(many));
            }
            catch (NetException e)
            {
                AddTrace(reports, trace);
                if (e.Kind != NetErrorKind.Canceled) reports.Add(ClientReport.ForError(e.Naming(Target), Target));
            }
            return reports;
        }

        public override void Dispose()
        {
        }
    }
}

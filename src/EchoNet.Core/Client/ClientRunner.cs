using System;
using System.Collections.Generic;
using System.Threading;

namespace EchoNet.Client
{
    /// <summary>
    /// Carries out a <see cref="ClientPlan"/>, the one runner of every client command. One target
    /// streams: each payload is sent as its record arrives. Several targets: the payloads are
    /// gathered, and <see cref="Finish"/> gives each target all of them in order through
    /// <see cref="TargetFanOut"/>. It only produces reports; the caller writes them on its own thread.
    /// </summary>
    public sealed class ClientRunner : IDisposable
    {
        private readonly ClientPlan _plan;
        private readonly CancellationToken _cancel;
        private readonly List<ClientPayload> _gathered = new List<ClientPayload>();
        private IReadOnlyList<ClientTarget> _gatheredTargets;
        private ITargetConversation _single;
        private ClientTarget _singleTarget;
        private TargetFanOut _fanOut;

        public ClientRunner(ClientPlan plan, CancellationToken cancel)
        {
            _plan = plan;
            _cancel = cancel;
        }

        /// <summary>
        /// One pipeline record: its messages to its targets (ignored when the plan's session is the
        /// target). Reports come as each message is answered; none while several targets gather.
        /// </summary>
        public IEnumerable<ClientReport> Send(IReadOnlyList<ClientTarget> targets, string[] messages)
        {
            bool overSession = _plan.Session != null;
            if (!overSession && targets.Count == 0) yield break;
            foreach (var payload in _plan.Payloads.For(messages))
            {
                if (_cancel.IsCancellationRequested) yield break;
                if (!overSession && targets.Count > 1)
                {
                    _gathered.Add(payload);
                    _gatheredTargets = targets;
                    continue;
                }
                // The session is the target; otherwise a new target (bound by property name) ends the old one's conversation first.
                var target = overSession ? default(ClientTarget) : targets[0];
                if (_single != null && !overSession && (_singleTarget.ComputerName != target.ComputerName || _singleTarget.Port != target.Port))
                    foreach (var report in EndSingle()) yield return report;
                if (_single == null)
                {
                    _single = _plan.Open(target, _cancel);
                    _singleTarget = target;
                }
                foreach (var report in _single.Send(payload)) yield return report;
            }
        }

        /// <summary>After the last record: ends the single conversation, then runs the gathered targets in parallel.</summary>
        public IEnumerable<ClientReport> Finish()
        {
            foreach (var report in EndSingle()) yield return report;
            if (_gatheredTargets == null) yield break;
            _fanOut = new TargetFanOut(_gatheredTargets, _gathered, _plan);
            foreach (var report in _fanOut.Reports(_cancel)) yield return report;
        }

        /// <summary>While <see cref="Finish"/> runs several targets: how many there are, and how many are done.</summary>
        public int TargetCount => _fanOut?.TargetCount ?? 0;
        public int TargetsDone => _fanOut?.TargetsDone ?? 0;

        public void Dispose() => _single?.Dispose();

        private IEnumerable<ClientReport> EndSingle()
        {
            var ending = _single;
            _single = null;
            if (ending == null) yield break;
            try
            {
                foreach (var report in ending.Close()) yield return report;
            }
            finally { ending.Dispose(); }
        }
    }
}

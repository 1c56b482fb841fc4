using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EchoNet.Client;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// A round-trip series over one connection per target (PsPing's TCP latency test): each round
    /// sends the same bytes to every target and times their echo, read by length. The connection
    /// is opened by the first probe and kept; after a failure the next probe connects again.
    /// Failed probes are results (Status, Error), not errors, as in a connect series.
    /// </summary>
    public static class TcpEchoSeries
    {
        /// <summary>The largest probe: round trips measure latency, Measure-Throughput measures volume.</summary>
        public const int MaxBytes = 1024 * 1024;

        public static IEnumerable<ClientReport> Run(ProbePlan plan, int bytes, TlsClientOptions tls, bool trace, CancellationToken cancel)
        {
            var payload = Payload(bytes);
            // connectTest: a failed probe is a result and not also an error.
            var settings = new TcpConversationSettings(ReplyRule.ForLength(bytes), Encoding.ASCII, plan.TimeoutMs, tls, true, trace);
            var conversations = plan.Targets.Select(t => settings.Open(t, cancel)).ToArray();
            try
            {
                foreach (int round in ProbeRounds.Of(plan, cancel))
                {
                    foreach (var conversation in conversations)
                    {
                        foreach (var report in conversation.Send(payload))
                        {
                            // Warm-up probes are made, not reported; their trace lines are.
                            if (round >= 1 || report.Trace != null) yield return report;
                        }
                    }
                }
                if (cancel.IsCancellationRequested) yield break;
                foreach (var conversation in conversations)
                    foreach (var report in conversation.Close()) yield return report;
            }
            finally
            {
                foreach (var conversation in conversations) conversation.Dispose();
            }
        }

        /// <summary>Printable bytes, as ping's payload: "abcdefghijklmnopqrstuvwxyz" repeated.</summary>
        private static ClientPayload Payload(int bytes)
        {
            var data = new byte[bytes];
            for (int i = 0; i < bytes; i++) data[i] = (byte)('a' + i % 26);
            return new ClientPayload(Encoding.ASCII.GetString(data), data);
        }
    }
}

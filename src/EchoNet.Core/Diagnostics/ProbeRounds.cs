using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using EchoNet.Timing;

namespace EchoNet.Diagnostics
{
    /// <summary>The rounds of a probe series: warm-up rounds numbered 0 and below, counted ones from 1, a round starting every interval.</summary>
    public static class ProbeRounds
    {
        /// <summary>
        /// Yields each round's number when it is due; the caller probes every target, then asks
        /// for the next. Ends after round Count (never when Continuous) or on cancellation.
        /// </summary>
        public static IEnumerable<int> Of(ProbePlan plan, CancellationToken cancel)
        {
            for (int round = 1 - plan.WarmUp; plan.Continuous || round <= plan.Count; round++)
            {
                if (cancel.IsCancellationRequested) yield break;
                long roundStart = Stopwatch.GetTimestamp();
                yield return round;
                if (cancel.IsCancellationRequested || (!plan.Continuous && round >= plan.Count)) yield break;
                int wait = Math.Max(0, plan.IntervalMs - (int)Waits.ElapsedMs(roundStart));
                if (cancel.WaitHandle.WaitOne(wait)) yield break;
            }
        }
    }
}

using System.Collections.Generic;
using EchoNet.Client;

namespace EchoNet.Diagnostics
{
    /// <summary>What a probe series does (connects, or round trips over one connection): which targets, how many probes, how far apart, how long each may take.</summary>
    public sealed class ProbePlan
    {
        public ProbePlan(IReadOnlyList<ClientTarget> targets, int count, bool continuous, int intervalMs, int warmUp, int timeoutMs)
        {
            Targets = targets;
            Count = count;
            Continuous = continuous;
            IntervalMs = intervalMs;
            WarmUp = warmUp;
            TimeoutMs = timeoutMs;
        }

        public IReadOnlyList<ClientTarget> Targets { get; }

        /// <summary>Counted probes per target; ignored when Continuous.</summary>
        public int Count { get; }

        /// <summary>Probe until canceled (ping -t).</summary>
        public bool Continuous { get; }

        /// <summary>From the start of one round of probes (one per target) to the start of the next.</summary>
        public int IntervalMs { get; }

        /// <summary>Probes per target before the counted ones, neither reported nor counted (PsPing's -w).</summary>
        public int WarmUp { get; }

        /// <summary>Bounds the name lookup, each connect and each round trip.</summary>
        public int TimeoutMs { get; }
    }
}

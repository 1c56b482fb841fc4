using System;

namespace EchoNet.Engines
{
    /// <summary>
    /// How long an accept loop pauses after a failure it cannot fix itself (out of descriptors or
    /// memory): doubling from 10 ms up to 1 s while failures continue, back to the start after an
    /// accept succeeds. A failing accept is retried a few times a second, never in a spin, and
    /// serving resumes within a second of descriptors coming free. One per listener and loop;
    /// used by one thread at a time.
    /// </summary>
    internal sealed class AcceptBackoff
    {
        public const int FirstDelayMs = 10;
        public const int MaxDelayMs = 1000;

        private int _nextDelayMs = FirstDelayMs;

        /// <summary>True while failures are being backed off (no success since the last one).</summary>
        public bool Failing => _nextDelayMs != FirstDelayMs;

        /// <summary>The pause before the next attempt after a failure.</summary>
        public int Failed()
        {
            int delay = _nextDelayMs;
            _nextDelayMs = Math.Min(MaxDelayMs, _nextDelayMs * 2);
            return delay;
        }

        public void Succeeded() => _nextDelayMs = FirstDelayMs;
    }
}

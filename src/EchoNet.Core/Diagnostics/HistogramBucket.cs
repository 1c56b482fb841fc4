namespace EchoNet.Diagnostics
{
    /// <summary>One bar of a latency histogram: the samples from LowerMs up to (not including) UpperMs; the last bucket includes its upper bound.</summary>
    public sealed class HistogramBucket
    {
        public HistogramBucket(double lowerMs, double upperMs, int count)
        {
            LowerMs = lowerMs;
            UpperMs = upperMs;
            Count = count;
        }

        public double LowerMs { get; }
        public double UpperMs { get; }
        public int Count { get; }

        public override string ToString() => $"{LowerMs:0.###}-{UpperMs:0.###} ms: {Count}";
    }
}

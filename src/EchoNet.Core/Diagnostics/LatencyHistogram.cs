using System;
using System.Collections.Generic;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// Equal-width buckets from the fastest to the slowest sample (PsPing's layout): every sample
    /// falls in exactly one, so the counts add up to the samples.
    /// </summary>
    public static class LatencyHistogram
    {
        public const int DefaultBuckets = 10;
        public const int MaxBuckets = 100;

        /// <summary>The buckets of an ascending series; none for an empty one, one when every sample is the same.</summary>
        public static HistogramBucket[] Of(IReadOnlyList<double> ascending, int buckets)
        {
            if (buckets < 1 || buckets > MaxBuckets) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, $"1 to {MaxBuckets} buckets.");
            if (ascending.Count == 0) return new HistogramBucket[0];
            double min = ascending[0], max = ascending[ascending.Count - 1];
            if (max <= min) return new[] { new HistogramBucket(min, max, ascending.Count) };
            double width = (max - min) / buckets;
            var counts = new int[buckets];
            foreach (var value in ascending)
            {
                // The maximum belongs to the last bucket, not to one past it.
                int index = Math.Min(buckets - 1, (int)((value - min) / width));
                counts[index]++;
            }
            var result = new HistogramBucket[buckets];
            for (int i = 0; i < buckets; i++)
                result[i] = new HistogramBucket(min + i * width, i == buckets - 1 ? max : min + (i + 1) * width, counts[i]);
            return result;
        }
    }
}

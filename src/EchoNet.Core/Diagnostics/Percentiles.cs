using System;
using System.Collections.Generic;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// Percentiles by linear interpolation between closest ranks: the value at rank
    /// (n - 1) * p / 100 of the sorted series, interpolated between its neighbours. This is
    /// Hyndman and Fan's method 7, as Excel's PERCENTILE.INC, NumPy's default and Python's
    /// statistics.quantiles(method='inclusive') compute it; p0 is the minimum, p100 the maximum.
    /// </summary>
    public static class Percentiles
    {
        /// <summary>The percentiles every summary carries.</summary>
        public static readonly double[] Standard = { 50, 90, 99 };

        /// <summary>True for 0 to 100 inclusive (NaN is not).</summary>
        public static bool IsValid(double percentile) => percentile >= 0 && percentile <= 100;

        /// <summary>The <paramref name="percentile"/>th percentile of an ascending, non-empty series.</summary>
        public static double Of(IReadOnlyList<double> ascending, double percentile)
        {
            if (ascending == null || ascending.Count == 0) throw new ArgumentException("The series is empty.", nameof(ascending));
            if (!IsValid(percentile)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is 0 to 100.");
            double rank = (ascending.Count - 1) * percentile / 100.0;
            int below = (int)Math.Floor(rank);
            if (below >= ascending.Count - 1) return ascending[ascending.Count - 1];
            double fraction = rank - below;
            return ascending[below] + fraction * (ascending[below + 1] - ascending[below]);
        }
    }
}

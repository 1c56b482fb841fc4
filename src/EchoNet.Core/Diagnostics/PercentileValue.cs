namespace EchoNet.Diagnostics
{
    /// <summary>One percentile of a series: P50 is the median.</summary>
    public sealed class PercentileValue
    {
        public PercentileValue(double percentile, double? ms)
        {
            Percentile = percentile;
            Milliseconds = ms;
        }

        public double Percentile { get; }

        /// <summary>Null when no probe succeeded.</summary>
        public double? Milliseconds { get; }

        /// <summary>A column name for flat output: P99Ms, P99_9Ms.</summary>
        public string PropertyName => "P" + Percentile.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_') + "Ms";
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EchoNet.Diagnostics
{
    /// <summary>A histogram as lines of text bars, for the console: "  0.12-  0.25 ms |#####     | 42".</summary>
    public static class HistogramText
    {
        /// <summary>One line per bucket, none longer than <paramref name="width"/> characters; empty when there are no buckets.</summary>
        public static string Render(HistogramBucket[] buckets, int width)
        {
            if (buckets == null || buckets.Length == 0) return string.Empty;
            var culture = CultureInfo.InvariantCulture;
            int decimals = Decimals(buckets);
            string Number(double ms) => ms.ToString("F" + decimals, culture);
            int numberWidth = buckets.Max(b => Math.Max(Number(b.LowerMs).Length, Number(b.UpperMs).Length));
            int countWidth = buckets.Max(b => b.Count.ToString(culture).Length);
            // "lower-upper ms |" + bar + "| count"
            int fixedWidth = numberWidth * 2 + 1 + 5 + 2 + countWidth;
            int barWidth = Math.Max(1, width - fixedWidth);
            int most = Math.Max(1, buckets.Max(b => b.Count));
            var text = new StringBuilder();
            foreach (var bucket in buckets)
            {
                // A bucket with any sample shows at least one mark, so a rare outlier stays visible.
                int marks = bucket.Count == 0 ? 0 : Math.Max(1, (int)Math.Round((double)bucket.Count * barWidth / most));
                if (text.Length > 0) text.Append('\n');
                text.Append(Number(bucket.LowerMs).PadLeft(numberWidth)).Append('-')
                    .Append(Number(bucket.UpperMs).PadLeft(numberWidth)).Append(" ms |")
                    .Append(new string('#', marks)).Append(' ', barWidth - marks).Append("| ")
                    .Append(bucket.Count.ToString(culture).PadLeft(countWidth));
            }
            return text.ToString();
        }

        /// <summary>Enough decimals to tell the bucket bounds apart (microseconds at most).</summary>
        private static int Decimals(HistogramBucket[] buckets)
        {
            double step = buckets.Length > 1 ? buckets[0].UpperMs - buckets[0].LowerMs : buckets[0].UpperMs;
            if (step >= 10) return 0;
            if (step >= 1) return 1;
            if (step >= 0.1) return 2;
            return 3;
        }
    }
}

using System.Globalization;
using System.Linq;
using System.Text;

namespace EchoNet.Diagnostics
{
    /// <summary>A summary as ping prints it when it ends: what Ctrl+C shows for a series that was stopped.</summary>
    public static class SummaryText
    {
        public static string Render(RoundTripSummary summary, int width)
        {
            var c = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            text.Append("--- ").Append(summary.Target).Append(' ').Append(summary.Kind).Append(" statistics ---\n");
            text.Append(string.Format(c, "{0} sent, {1} received, {2:0.#}% loss, longest failure run {3}", summary.Sent, summary.Received, summary.LossPercent, summary.LongestFailureRun));
            if (!string.IsNullOrEmpty(summary.Failures)) text.Append(" (").Append(summary.Failures).Append(')');
            if (summary.MinMs.HasValue)
            {
                text.Append(string.Format(c, "\nmin/avg/max/mdev = {0:0.000}/{1:0.000}/{2:0.000}/{3:0.000} ms", summary.MinMs, summary.MeanMs, summary.MaxMs, summary.StdDevMs));
                text.Append("\n").Append(string.Join(", ", summary.Percentiles.Select(p => string.Format(c, "p{0} {1:0.000}", p.Percentile, p.Milliseconds)))).Append(" ms");
                text.Append('\n').Append(HistogramText.Render(summary.Histogram, width));
            }
            return text.ToString();
        }
    }
}

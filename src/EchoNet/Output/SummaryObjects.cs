using System.Linq;
using System.Management.Automation;
using EchoNet.Diagnostics;

namespace EchoNet.Output
{
    /// <summary>Summaries as pipeline objects: each percentile beyond P50/P90/P99 also as a column of its own (P99_9Ms) for Export-Csv.</summary>
    internal static class SummaryObjects
    {
        public static PSObject Flat(RoundTripSummary summary)
        {
            var result = PSObject.AsPSObject(summary);
            foreach (var p in summary.Percentiles.Where(p => !Percentiles.Standard.Contains(p.Percentile)))
                result.Properties.Add(new PSNoteProperty(p.PropertyName, p.Milliseconds));
            return result;
        }
    }
}

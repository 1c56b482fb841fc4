using System.Collections.Generic;

namespace EchoNet.Diagnostics
{
    /// <summary>Probes grouped into one series per target and kind, in the order the targets first appeared.</summary>
    public sealed class SeriesByTarget
    {
        private readonly Dictionary<string, RoundTripSeries> _byKey = new Dictionary<string, RoundTripSeries>(System.StringComparer.OrdinalIgnoreCase);
        private readonly List<RoundTripSeries> _inOrder = new List<RoundTripSeries>();

        public int Count => _inOrder.Count;
        public IReadOnlyList<RoundTripSeries> Series => _inOrder;

        public void Add(ProbeOutcome probe)
        {
            if (!_byKey.TryGetValue(probe.SeriesKey, out var series))
            {
                series = new RoundTripSeries(probe.ComputerName, probe.Port, probe.Kind);
                _byKey.Add(probe.SeriesKey, series);
                _inOrder.Add(series);
            }
            series.Add(probe);
        }
    }
}

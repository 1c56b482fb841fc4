using System;
using System.Collections.Generic;
using System.Globalization;

namespace EchoNet.Server
{
    /// <summary>
    /// The faults a server applies on purpose, named after Toxiproxy's toxics (latency, bandwidth,
    /// slicer, limit_data, reset_peer, timeout, slow_close) plus UDP's drop, duplicate and reorder.
    /// Times are milliseconds, sizes bytes; zero turns a fault off. A server keeps its own copy
    /// (<see cref="EchoServer.Faults"/> hands out copies too), changed only through
    /// <see cref="EchoServer.SetFaults"/>, so what it shows is what it does.
    /// </summary>
    public sealed class EchoFaults
    {
        /// <summary>The largest time a fault takes (one hour): more is a mistake, not a test.</summary>
        public const int MaxMilliseconds = 3600 * 1000;

        /// <summary>No fault at all.</summary>
        public static readonly EchoFaults None = new EchoFaults();

        /// <summary>Delay added to every chunk (TCP) or datagram (UDP), in the faulted direction.</summary>
        public int Latency { get; set; }

        /// <summary>Up to this much more or less than <see cref="Latency"/>, drawn per chunk (seeded).</summary>
        public int Jitter { get; set; }

        /// <summary>Bytes per second per connection and direction; 0: no limit.</summary>
        public long Bandwidth { get; set; }

        /// <summary>Bytes go out in segments of at most this many bytes (Toxiproxy's slicer); 0: off.</summary>
        public int Slice { get; set; }

        /// <summary>With <see cref="Slice"/>: the pause between two segments.</summary>
        public int SliceDelay { get; set; }

        /// <summary>The connection is closed (a FIN) once this many bytes went through; 0: no limit.</summary>
        public long LimitData { get; set; }

        /// <summary>The connection is reset (an RST) once this many bytes went through; 0: never.</summary>
        public long ResetAfter { get; set; }

        /// <summary>Bytes are swallowed (Toxiproxy's timeout): the connection stays open, nothing goes through.</summary>
        public bool Blackhole { get; set; }

        /// <summary>With <see cref="Blackhole"/>: the connection is closed this long after it opened (or the fault was set); 0: never.</summary>
        public int BlackholeTimeout { get; set; }

        /// <summary>The server waits this long before it closes a connection.</summary>
        public int SlowClose { get; set; }

        /// <summary>Which way the faults act; Downstream (server to client) by default.</summary>
        public FaultDirection Direction { get; set; } = FaultDirection.Downstream;

        /// <summary>The share of connections (TCP) or datagrams (UDP) faulted, 0 to 1 (Toxiproxy's toxicity).</summary>
        public double FaultRate { get; set; } = 1;

        /// <summary>UDP: the share of datagrams whose reply (or relayed datagram) is dropped.</summary>
        public double DropRate { get; set; }

        /// <summary>UDP: the share of datagrams sent twice.</summary>
        public double DuplicateRate { get; set; }

        /// <summary>UDP: the share of datagrams held back and sent after the next one.</summary>
        public double ReorderRate { get; set; }

        /// <summary>True when no fault is set.</summary>
        public bool IsEmpty => !HasStreamFaults && !HasDatagramFaults;

        /// <summary>True when TCP connections are affected.</summary>
        public bool HasStreamFaults =>
            Latency > 0 || Jitter > 0 || Bandwidth > 0 || Slice > 0 || LimitData > 0 || ResetAfter > 0 || Blackhole || SlowClose > 0;

        /// <summary>True when UDP datagrams are affected.</summary>
        public bool HasDatagramFaults =>
            Latency > 0 || Jitter > 0 || Blackhole || DropRate > 0 || DuplicateRate > 0 || ReorderRate > 0;

        public EchoFaults Clone() => (EchoFaults)MemberwiseClone();

        /// <summary>What is wrong with these values, or null when they are usable.</summary>
        public string Check()
        {
            string Time(string name, int value) =>
                value < 0 || value > MaxMilliseconds ? $"{name} {value} ms is outside 0-{MaxMilliseconds} ms." : null;
            string Rate(string name, double value) =>
                double.IsNaN(value) || value < 0 || value > 1 ? $"{name} {value.ToString(CultureInfo.InvariantCulture)} is outside 0-1 (a share: 0.3 is 30 %)." : null;
            return Time("Latency", Latency) ?? Time("Jitter", Jitter) ?? Time("SliceDelay", SliceDelay)
                ?? Time("BlackholeTimeout", BlackholeTimeout) ?? Time("SlowClose", SlowClose)
                ?? (Bandwidth < 0 ? $"Bandwidth {Bandwidth} bytes/s is negative." : null)
                ?? (Slice < 0 ? $"Slice {Slice} bytes is negative." : null)
                ?? (LimitData < 0 ? $"LimitData {LimitData} bytes is negative." : null)
                ?? (ResetAfter < 0 ? $"ResetAfter {ResetAfter} bytes is negative." : null)
                ?? ((Direction & FaultDirection.Both) == 0 || (Direction & ~FaultDirection.Both) != 0 ? $"Direction {Direction} is not Downstream, Upstream or Both." : null)
                ?? Rate("FaultRate", FaultRate) ?? Rate("DropRate", DropRate) ?? Rate("DuplicateRate", DuplicateRate) ?? Rate("ReorderRate", ReorderRate);
        }

        /// <summary>One line for the server's view: the faults set, e.g. "Latency 50±10ms, ResetAfter 100B"; empty when none.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (Latency > 0 || Jitter > 0) parts.Add(Jitter > 0 ? $"Latency {Latency}±{Jitter}ms" : $"Latency {Latency}ms");
            if (Bandwidth > 0) parts.Add($"Bandwidth {Bandwidth}B/s");
            if (Slice > 0) parts.Add(SliceDelay > 0 ? $"Slice {Slice}B/{SliceDelay}ms" : $"Slice {Slice}B");
            if (LimitData > 0) parts.Add($"LimitData {LimitData}B");
            if (ResetAfter > 0) parts.Add($"ResetAfter {ResetAfter}B");
            if (Blackhole) parts.Add(BlackholeTimeout > 0 ? $"Blackhole {BlackholeTimeout}ms" : "Blackhole");
            if (SlowClose > 0) parts.Add($"SlowClose {SlowClose}ms");
            if (DropRate > 0) parts.Add($"Drop {Percent(DropRate)}");
            if (DuplicateRate > 0) parts.Add($"Duplicate {Percent(DuplicateRate)}");
            if (ReorderRate > 0) parts.Add($"Reorder {Percent(ReorderRate)}");
            if (parts.Count == 0) return string.Empty;
            if (Direction != FaultDirection.Downstream) parts.Add(Direction.ToString());
            if (FaultRate < 1) parts.Add($"of {Percent(FaultRate)}");
            return string.Join(", ", parts);
        }

        private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
    }
}

namespace EchoNet.Bench
{
    /// <summary>Workload 1: one TCP connection, 64 B ping-pong; the headline is the median round trip.</summary>
    internal sealed class TcpLatencyWorkload : PingPongWorkload
    {
        public override int Id => 1;
        public override int RunOrder => 10;
        protected override string Name => "TCP 1 conn, 64 B ping-pong";
        protected override int Connections => 1;
        protected override int MessageBytes => 64;
        protected override string Metric => "p50 µs";
        protected override double Headline(Summary s) => s.P50Us;

        protected override void AddTargets(WorkloadResult row)
        {
            row.Targets.Add(new Target { Text = "p50 ≤ 0.5× baseline", Met = row.Ratio <= 0.5 });
            row.Targets.Add(new Target { Text = "zero errors", Met = row.EchoNetDetail.Errors == 0 });
        }
    }
}

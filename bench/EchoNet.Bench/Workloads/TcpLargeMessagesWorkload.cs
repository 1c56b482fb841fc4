namespace EchoNet.Bench
{
    /// <summary>Workload 3: 50 TCP connections, 16 KiB messages; megabytes per second.</summary>
    internal sealed class TcpLargeMessagesWorkload : PingPongWorkload
    {
        public override int Id => 3;
        public override int RunOrder => 30;
        protected override string Name => "TCP 50 conns, 16 KiB messages";
        protected override int Connections => 50;
        protected override int MessageBytes => 16 * 1024;
        protected override string Metric => "MB/s";
        protected override double Headline(Summary s) => s.MegabytesPerSecond;
    }
}

namespace EchoNet.Bench
{
    /// <summary>Workload 4: 1000 TCP connections, 64 B ping-pong; messages per second.</summary>
    internal sealed class TcpManyConnectionsWorkload : PingPongWorkload
    {
        public override int Id => 4;
        public override int RunOrder => 40;
        protected override string Name => "TCP 1000 conns, 64 B";
        protected override int Connections => 1000;
        protected override int MessageBytes => 64;
        protected override string Metric => "msgs/s";
        protected override double Headline(Summary s) => s.MessagesPerSecond;
    }
}

namespace EchoNet.Bench
{
    /// <summary>Workload 2: 50 TCP connections, 64 B ping-pong; messages per second.</summary>
    internal sealed class TcpSmallMessagesWorkload : PingPongWorkload
    {
        public override int Id => 2;
        public override int RunOrder => 20;
        protected override string Name => "TCP 50 conns, 64 B ping-pong";
        protected override int Connections => 50;
        protected override int MessageBytes => 64;
        protected override string Metric => "msgs/s";
        protected override double Headline(Summary s) => s.MessagesPerSecond;
    }
}

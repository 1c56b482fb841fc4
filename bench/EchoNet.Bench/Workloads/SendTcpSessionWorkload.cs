namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 12: <c>Send-TcpMessage -Session</c>, 1000 messages piped over a session opened once
    /// (Connect-TcpSession), to the EchoNet server and to the baseline in interleaved rounds;
    /// every reply checked. Target: at least 5,000 messages/s.
    /// </summary>
    internal sealed class SendTcpSessionWorkload : SendTcpMessageWorkload
    {
        public override int Id => 12;
        public override int RunOrder => 101;
        protected override string Name => "Send-TcpMessage -Session, 1000 msgs";
        protected override string[] ExtraArguments => new[] { "-Session" };
    }
}

namespace EchoNet.Client
{
    /// <summary>One host × port to talk to.</summary>
    public readonly struct ClientTarget
    {
        public ClientTarget(string computerName, int port)
        {
            ComputerName = computerName;
            Port = port;
        }

        public string ComputerName { get; }
        public int Port { get; }
    }
}

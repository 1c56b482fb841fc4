namespace EchoNet
{
    public enum TcpSessionState
    {
        /// <summary>Connected: messages can be sent and replies received.</summary>
        Open,
        /// <summary>The peer closed, a failure ended it, or it was disconnected. Buffered bytes can still be received.</summary>
        Closed,
    }
}

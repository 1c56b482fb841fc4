namespace EchoNet.Client
{
    /// <summary>Lines typed (or piped) for an interactive session, taken without blocking.</summary>
    public interface ILineSource
    {
        /// <summary>True with the next line if one is there; true with null at end of input; false when none is there yet.</summary>
        bool TryTake(out string line);
    }
}

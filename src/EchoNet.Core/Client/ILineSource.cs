namespace EchoNet.Client
{
    /// <summary>Lines typed (or piped) for an interactive session, taken without blocking.</summary>
    public interface ILineSource
    {
        /// <summary>True with the next line if one is there; true with null at end of input; false when none is there yet.</summary>
        bool TryTake(out string line);

        /// <summary>
        /// The key that ends input when a person types the lines ("Ctrl+D on an empty line"), or null
        /// for piped or redirected input. A person is there to press Ctrl+C, so after their end of
        /// input the session waits for the peer to close; piped input leaves once the peer is quiet.
        /// </summary>
        string EndOfInputKey { get; }
    }
}

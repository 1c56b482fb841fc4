namespace EchoNet.Client
{
    /// <summary>Where an interactive session shows things: the peer's bytes as text, and status lines of its own.</summary>
    public interface ISessionTerminal
    {
        /// <summary>The peer's bytes, made printable, as they arrive.</summary>
        void Write(string text);

        /// <summary>A status line ("Connected to ...", "End of input."), apart from the peer's bytes.</summary>
        void Say(string status);
    }
}

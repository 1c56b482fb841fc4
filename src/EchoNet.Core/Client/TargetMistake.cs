namespace EchoNet.Client
{
    /// <summary>A -ComputerName/-Port combination that names no usable target: a stable id, a message, and the name given.</summary>
    public sealed class TargetMistake
    {
        public TargetMistake(string id, string message, string computerName)
        {
            Id = id;
            Message = message;
            ComputerName = computerName;
        }

        public string Id { get; }
        public string Message { get; }
        public string ComputerName { get; }
    }
}

namespace EchoNet
{
    /// <summary>One name/value pair of a query, decoded as application/x-www-form-urlencoded.</summary>
    public sealed class UrlQueryParameter
    {
        public UrlQueryParameter(string name, string value)
        {
            Name = name ?? string.Empty;
            Value = value ?? string.Empty;
        }

        public string Name { get; }
        public string Value { get; }

        public override string ToString() => Name + "=" + Value;
    }
}

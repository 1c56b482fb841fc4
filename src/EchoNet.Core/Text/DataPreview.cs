namespace EchoNet.Text
{
    /// <summary>
    /// Received data as one table cell (the -Wait table, Receive-EchoServerEvent): the same escapes
    /// as every other view (<see cref="DisplayText.Of"/>: \r\n, \t, \e, \xHH for bytes that are not
    /// text), cut to a length a table can show; the Bytes column still says how much arrived.
    /// </summary>
    internal static class DataPreview
    {
        /// <summary>Long data is cut here.</summary>
        public const int MaxChars = 200;

        public static string Of(byte[] data, string text) => DisplayText.Of(text, data, MaxChars);
    }
}

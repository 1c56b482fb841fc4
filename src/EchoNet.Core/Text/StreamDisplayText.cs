using System.Text;

namespace EchoNet.Text
{
    /// <summary>
    /// Bytes from the network, chunk by chunk, as text safe to print as they arrive: decoded
    /// with a decoder that keeps a character split across chunks, line breaks (LF, CRLF) kept as
    /// line breaks, every other control character escaped by <see cref="DisplayText.Escape"/>.
    /// A CR at the end of a chunk waits for the next one, so a CRLF split in two is still a break.
    /// </summary>
    public sealed class StreamDisplayText
    {
        private readonly Decoder _decoder;
        private bool _pendingCr;

        public StreamDisplayText(Encoding encoding)
        {
            _decoder = encoding.WithFallback().GetDecoder(); // undecodable bytes as \xHH, as the views show them
        }

        /// <summary>The printable form of <paramref name="bytes"/>; "\n" marks each line break.</summary>
        public string Next(byte[] bytes, bool flush = false)
        {
            var chars = new char[_decoder.GetCharCount(bytes, 0, bytes.Length, flush)];
            int n = _decoder.GetChars(bytes, 0, bytes.Length, chars, 0, flush);
            var text = new StringBuilder(_pendingCr ? "\r" : "").Append(chars, 0, n).ToString();
            _pendingCr = !flush && text.EndsWith("\r");
            if (_pendingCr) text = text.Substring(0, text.Length - 1);

            var display = new StringBuilder(text.Length + 8);
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n') continue;
                int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                display.Append(DisplayText.Escape(text.Substring(start, end - start))).Append('\n');
                start = i + 1;
            }
            display.Append(DisplayText.Escape(text.Substring(start)));
            return display.ToString();
        }
    }
}

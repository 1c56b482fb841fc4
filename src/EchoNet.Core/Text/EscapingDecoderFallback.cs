using System.Globalization;
using System.Text;

namespace EchoNet.Text
{
    /// <summary>
    /// A decoder fallback that writes each byte it cannot decode as \xHH, the escape the views use
    /// for other bytes, instead of U+FFFD: a netcat user sees which bytes came, not that some did.
    /// </summary>
    public sealed class EscapingDecoderFallback : DecoderFallback
    {
        public static EscapingDecoderFallback Instance { get; } = new EscapingDecoderFallback();

        /// <summary>UTF-8 (no BOM) that decodes invalid bytes as \xHH.</summary>
        public static Encoding Utf8 { get; } = new UTF8Encoding(false, false).WithFallback();

        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new EscapingBuffer();

        private sealed class EscapingBuffer : DecoderFallbackBuffer
        {
            private string _pending = "";
            private int _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                var text = new StringBuilder(bytesUnknown.Length * 4);
                foreach (var b in bytesUnknown) text.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
                _pending = text.ToString();
                _next = 0;
                return true;
            }

            public override char GetNextChar() => _next < _pending.Length ? _pending[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0) return false;
                _next--;
                return true;
            }

            public override int Remaining => _pending.Length - _next;

            public override void Reset()
            {
                _pending = "";
                _next = 0;
            }
        }
    }

    internal static class EncodingFallbacks
    {
        /// <summary>A copy of the encoding whose decoder writes undecodable bytes as \xHH.</summary>
        public static Encoding WithFallback(this Encoding encoding)
        {
            var copy = (Encoding)encoding.Clone();
            copy.DecoderFallback = EscapingDecoderFallback.Instance;
            return copy;
        }
    }
}

using System;
using System.Globalization;
using System.Text;

namespace EchoNet.Server
{
    /// <summary>
    /// Instead of raw echo, answer each received chunk (or each line, with a terminator) with a
    /// format string filled in with the received text: the socket tutorial's server in one line.
    /// </summary>
    public sealed class ReplyFormat
    {
        private static readonly byte[] NoBytes = new byte[0];

        public ReplyFormat(string format, Encoding encoding, string terminator)
        {
            Format = format ?? throw new ArgumentNullException(nameof(format));
            Encoding = encoding ?? throw new ArgumentNullException(nameof(encoding));
            Terminator = string.IsNullOrEmpty(terminator) ? null : terminator;
        }

        /// <summary>A composite format string; {0} is the received text.</summary>
        public string Format { get; }
        public Encoding Encoding { get; }

        /// <summary>When set, replies go per line (terminator excluded from {0}, appended to the reply).</summary>
        public string Terminator { get; }

        /// <summary>Null when the format is usable, else why not.</summary>
        public static string Check(string format)
        {
            try
            {
                string.Format(CultureInfo.InvariantCulture, format, string.Empty);
                return null;
            }
            catch (FormatException e)
            {
                return e.Message;
            }
        }

        /// <summary>Per-connection state: a decoder that keeps split characters, and a partial line.</summary>
        public Responder CreateResponder() => new Responder(this);

        public sealed class Responder
        {
            private readonly ReplyFormat _format;
            private readonly Decoder _decoder;
            private readonly StringBuilder _pending = new StringBuilder();
            private char[] _chars = new char[1024];

            internal Responder(ReplyFormat format)
            {
                _format = format;
                _decoder = format.Encoding.GetDecoder();
            }

            /// <summary>The reply bytes for a received chunk; empty while a line is incomplete.</summary>
            public byte[] Respond(byte[] data, int count)
            {
                int needed = _decoder.GetCharCount(data, 0, count);
                if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
                int decoded = _decoder.GetChars(data, 0, count, _chars, 0);
                if (_format.Terminator == null)
                    return decoded == 0 ? NoBytes : _format.Encoding.GetBytes(FillText(new string(_chars, 0, decoded)));

                _pending.Append(_chars, 0, decoded);
                var reply = new StringBuilder();
                var text = _pending.ToString();
                int start = 0, end;
                while ((end = text.IndexOf(_format.Terminator, start, StringComparison.Ordinal)) >= 0)
                {
                    reply.Append(FillText(text.Substring(start, end - start))).Append(_format.Terminator);
                    start = end + _format.Terminator.Length;
                }
                _pending.Remove(0, start);
                return reply.Length == 0 ? NoBytes : _format.Encoding.GetBytes(reply.ToString());
            }

            private string FillText(string text) => string.Format(CultureInfo.InvariantCulture, _format.Format, text);
        }
    }
}

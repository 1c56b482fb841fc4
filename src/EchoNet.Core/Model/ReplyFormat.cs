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

        /// <summary>Longest line -Terminator keeps by default (characters, terminator excluded).</summary>
        public const int DefaultMaxLineLength = 64 * 1024;

        public ReplyFormat(string format, Encoding encoding, string terminator, int maxLineLength = DefaultMaxLineLength)
        {
            Format = format ?? throw new ArgumentNullException(nameof(format));
            Encoding = encoding ?? throw new ArgumentNullException(nameof(encoding));
            Terminator = string.IsNullOrEmpty(terminator) ? null : terminator;
            if (maxLineLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLineLength));
            MaxLineLength = maxLineLength;
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

        /// <summary>
        /// With a terminator: the longest line a TCP client may send; a longer one closes its
        /// connection (counted in LinesTooLong) instead of growing without limit.
        /// </summary>
        public int MaxLineLength { get; }

        /// <summary>Per-connection state: a decoder that keeps split characters, and a partial line.</summary>
        public Responder CreateResponder() => new Responder(this);

        /// <summary>
        /// The reply to one datagram, which stands alone: a character split at its end is decoded
        /// as U+FFFD rather than kept for a next datagram that may come from someone else, and with
        /// a terminator its last, unterminated line is answered too (without a terminator).
        /// </summary>
        public byte[] RespondToDatagram(byte[] data, int count)
        {
            var text = Encoding.GetString(data, 0, count);
            if (Terminator == null) return Encoding.GetBytes(Fill(text));
            var reply = new StringBuilder();
            int start = 0, end;
            while ((end = text.IndexOf(Terminator, start, StringComparison.Ordinal)) >= 0)
            {
                reply.Append(Fill(text.Substring(start, end - start))).Append(Terminator);
                start = end + Terminator.Length;
            }
            if (start < text.Length || start == 0) reply.Append(Fill(text.Substring(start)));
            return Encoding.GetBytes(reply.ToString());
        }

        private string Fill(string text) => string.Format(CultureInfo.InvariantCulture, Format, text);

        public sealed class Responder
        {
            private readonly ReplyFormat _format;
            private readonly Decoder _decoder;
            private readonly LineBuffer _line;
            private readonly StringBuilder _reply = new StringBuilder();
            private readonly Action<char[], int, int> _answerLine;
            private char[] _chars = new char[1024];

            internal Responder(ReplyFormat format)
            {
                _format = format;
                _decoder = format.Encoding.GetDecoder();
                if (format.Terminator != null)
                {
                    _line = new LineBuffer(format.Terminator, format.MaxLineLength);
                    _answerLine = (chars, start, length) =>
                        _reply.Append(_format.Fill(new string(chars, start, length))).Append(_format.Terminator);
                }
            }

            /// <summary>
            /// True once a line grew past <see cref="MaxLineLength"/>: the connection should be
            /// closed after the last reply (the lines before the long one are answered).
            /// </summary>
            public bool LineTooLong { get; private set; }

            /// <summary>The reply bytes for a received chunk; empty while a line is incomplete.</summary>
            public byte[] Respond(byte[] data, int count)
            {
                if (LineTooLong) return NoBytes;
                int needed = _decoder.GetCharCount(data, 0, count);
                if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
                int decoded = _decoder.GetChars(data, 0, count, _chars, 0);
                if (_line == null)
                    return decoded == 0 ? NoBytes : _format.Encoding.GetBytes(_format.Fill(new string(_chars, 0, decoded)));

                LineTooLong = !_line.Append(_chars, decoded, _answerLine);
                if (_reply.Length == 0) return NoBytes;
                var reply = _format.Encoding.GetBytes(_reply.ToString());
                _reply.Clear();
                return reply;
            }
        }
    }
}

using System.IO;
using System.Management.Automation;
using System.Text;

namespace EchoNet.Responders
{
    /// <summary>
    /// What a responder wrote, as the bytes that go back: a string is encoded and followed by the
    /// reply terminator (in mirror mode, the default, a request that ended in CR LF gets CR LF:
    /// a Redis- or SMTP-style client gets its own line end back); <c>[byte[]]</c> (or bytes written one by one, as PowerShell unrolls an
    /// array) goes out as it is; anything else is written as its string form, like a string.
    /// </summary>
    internal sealed class ReplyEncoder
    {
        private readonly Encoding _encoding;
        private readonly byte[] _terminator;
        private readonly byte[] _mirroredTerminator;
        private readonly byte[] _datagramTerminator;

        /// <param name="encoding">How strings become bytes.</param>
        /// <param name="terminator">What follows each string.</param>
        /// <param name="mirrorCarriageReturn">True when the terminator is the default LF: a request that ended in CR LF gets CR LF.</param>
        /// <param name="datagramTerminator">What follows each string in a UDP reply (a datagram has no request terminator to mirror).</param>
        public ReplyEncoder(Encoding encoding, string terminator, bool mirrorCarriageReturn, string datagramTerminator)
        {
            _datagramTerminator = encoding.GetBytes(datagramTerminator ?? string.Empty);
            _encoding = encoding;
            _terminator = encoding.GetBytes(terminator ?? string.Empty);
            _mirroredTerminator = mirrorCarriageReturn ? encoding.GetBytes("\r\n") : _terminator;
        }

        /// <summary>The reply bytes for a request (null for a greeting); null when nothing was written.</summary>
        public byte[] Encode(object[] output, EchoNet.Server.EchoRequest request)
        {
            if (output == null || output.Length == 0) return null;
            var data = request?.Data;
            var terminator = request != null && request.Protocol == EchoProtocol.Udp ? _datagramTerminator
                : data != null && data.Length > 0 && data[data.Length - 1] == (byte)'\r' ? _mirroredTerminator : _terminator;
            if (output.Length == 1 && Unwrap(output[0]) is string only) return Line(only, terminator);
            using (var bytes = new MemoryStream())
            {
                foreach (var item in output)
                {
                    switch (Unwrap(item))
                    {
                        case null: break;
                        case byte one: bytes.WriteByte(one); break;
                        case byte[] raw: bytes.Write(raw, 0, raw.Length); break;
                        case string text: Write(bytes, Line(text, terminator)); break;
                        case object other: Write(bytes, Line(LanguagePrimitives.ConvertTo<string>(other), terminator)); break;
                    }
                }
                return bytes.Length == 0 ? null : bytes.ToArray();
            }
        }

        /// <summary>A string as it goes out: encoded, then the reply terminator.</summary>
        public byte[] Line(string text) => Line(text, _terminator);

        private byte[] Line(string text, byte[] terminator)
        {
            int length = _encoding.GetByteCount(text);
            var line = new byte[length + terminator.Length];
            _encoding.GetBytes(text, 0, text.Length, line, 0);
            System.Buffer.BlockCopy(terminator, 0, line, length, terminator.Length);
            return line;
        }

        private static void Write(MemoryStream bytes, byte[] data) => bytes.Write(data, 0, data.Length);

        private static object Unwrap(object item) => item is PSObject wrapped ? wrapped.BaseObject : item;
    }
}

using System.Collections.Generic;
using System.Text;

namespace EchoNet.Client
{
    /// <summary>How a command's messages become payloads: raw bytes, or text in an encoding.</summary>
    public sealed class ClientPayloads
    {
        private readonly byte[] _bytes;
        private readonly Encoding _encoding;
        private readonly bool _listenWithoutMessage;
        private readonly string _path;

        private ClientPayloads(byte[] bytes, Encoding encoding, bool listenWithoutMessage, string path = null)
        {
            _path = path;
            _bytes = bytes;
            _encoding = encoding;
            _listenWithoutMessage = listenWithoutMessage;
        }

        /// <summary>The same bytes for every record (-Bytes).</summary>
        public static ClientPayloads Raw(byte[] bytes) => new ClientPayloads((byte[])(bytes ?? new byte[0]).Clone(), null, false);

        /// <summary>A file's bytes for every record (-Path), streamed as they are sent.</summary>
        public static ClientPayloads File(string path) => new ClientPayloads(null, null, false, path);

        /// <summary>
        /// Text messages in <paramref name="encoding"/>. When no message is given and none is piped
        /// (<paramref name="listenWithoutMessage"/>), the peer is listened to for what it says
        /// first, so the target is still contacted and reported.
        /// </summary>
        public static ClientPayloads Text(Encoding encoding, bool listenWithoutMessage) => new ClientPayloads(null, encoding, listenWithoutMessage);

        /// <summary>No message: what the peer says first (and, for a session opening, nothing at all).</summary>
        public static ClientPayloads ListenFirst { get; } = new ClientPayloads(null, null, true);

        /// <summary>The payloads of one pipeline record, in order.</summary>
        public IEnumerable<ClientPayload> For(string[] messages)
        {
            if (_path != null)
            {
                yield return ClientPayload.FromFile(_path);
                yield break;
            }
            if (_bytes != null)
            {
                yield return new ClientPayload(null, _bytes);
                yield break;
            }
            if (messages == null && _listenWithoutMessage)
            {
                yield return ClientPayload.None;
                yield break;
            }
            foreach (var text in messages ?? new[] { string.Empty })
                yield return new ClientPayload(text ?? string.Empty, _encoding.GetBytes(text ?? string.Empty));
        }
    }
}

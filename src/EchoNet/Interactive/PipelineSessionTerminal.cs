using System;
using System.Text;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>
    /// An interactive session's terminal when its input was piped ('a', 'b' | Enter-TcpSession):
    /// what the peer says goes to the output, one string per line, so it can be captured as
    /// "echo | nc" output can; status lines go to the verbose stream.
    /// </summary>
    internal sealed class PipelineSessionTerminal : ISessionTerminal
    {
        private readonly Action<string> _writeLine;
        private readonly Action<string> _writeStatus;
        private readonly StringBuilder _partial = new StringBuilder();

        public PipelineSessionTerminal(Action<string> writeLine, Action<string> writeStatus)
        {
            _writeLine = writeLine;
            _writeStatus = writeStatus;
        }

        public void Write(string text)
        {
            int start = 0;
            for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', start))
            {
                _writeLine(_partial.Append(text, start, i - start).ToString());
                _partial.Clear();
                start = i + 1;
            }
            _partial.Append(text, start, text.Length - start);
        }

        public void Say(string status) => _writeStatus(status);

        /// <summary>Writes a last line that had no line break.</summary>
        public void Complete()
        {
            if (_partial.Length > 0) _writeLine(_partial.ToString());
            _partial.Clear();
        }
    }
}

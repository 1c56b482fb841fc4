using System;
using System.Text;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>
    /// The keyboard of a console as an interactive session's input, read on the pipeline thread:
    /// each poll takes only the keys already typed (<see cref="Console.KeyAvailable"/>), so no
    /// thread is left reading the keyboard once the session ends, whichever way it ends, and the
    /// next prompt gets every key. Keys are echoed where the cursor is, so typing follows a prompt
    /// the peer sent without a newline ("login: ab"). Enter sends the line; Backspace and Ctrl+U
    /// edit it; Ctrl+D on an empty line (Ctrl+Z then Enter on Windows) ends input. Ctrl+C stays
    /// PowerShell's: it stops the command.
    /// </summary>
    internal sealed class ConsoleLineEditor : ILineSource, IDisposable
    {
        private const char EndOfTransmission = '\u0004';
        private const char Substitute = '\u001a';
        private const char EraseLine = '\u0015';

        private readonly StringBuilder _typed = new StringBuilder();
        private readonly Action<string> _echo;
        private readonly bool _ctrlCWasInput;
        private bool _ended;

        private ConsoleLineEditor(Action<string> echo)
        {
            _echo = echo;
            // Ctrl+C must reach PowerShell as a stop, whatever the last reader of the console set.
            _ctrlCWasInput = Console.TreatControlCAsInput;
            if (_ctrlCWasInput) Console.TreatControlCAsInput = false;
        }

        /// <summary>An editor over the console when the host is the console host reading a real keyboard; null otherwise.</summary>
        public static ConsoleLineEditor TryOpen(string hostName, Action<string> echo)
        {
            if (hostName != "ConsoleHost") return null;
            try
            {
                if (Console.IsInputRedirected) return null;
                _ = Console.KeyAvailable;
                return new ConsoleLineEditor(echo);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException)
            {
                return null;
            }
        }

        public string EndOfInputKey => Environment.OSVersion.Platform == PlatformID.Win32NT ? "Ctrl+Z then Enter" : "Ctrl+D on an empty line";

        /// <summary>What has been typed of the current line (echoed, not sent yet).</summary>
        public string Pending => _typed.ToString();

        public bool TryTake(out string line)
        {
            line = null;
            if (_ended) return true;
            while (Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                char c = key.KeyChar;
                if (key.Key == ConsoleKey.Enter || c == '\r' || c == '\n')
                {
                    line = _typed.ToString();
                    _typed.Clear();
                    _echo("\n");
                    if (line == Substitute.ToString()) { line = null; _ended = true; }
                    return true;
                }
                if (c == EndOfTransmission)
                {
                    if (_typed.Length == 0) { _ended = true; return true; }
                }
                else if (key.Key == ConsoleKey.Backspace || c == '\b' || c == '\u007f')
                {
                    if (_typed.Length > 0) { _typed.Length--; _echo("\b \b"); }
                }
                else if (c == EraseLine)
                {
                    _echo(Erasing(_typed.Length));
                    _typed.Clear();
                }
                else if (c == Substitute || c >= ' ')
                {
                    _typed.Append(c);
                    _echo(c == Substitute ? "^" : c.ToString());
                }
                // Other control keys (arrows, function keys: KeyChar 0) are not part of a line.
            }
            return false;
        }

        /// <summary>What takes <paramref name="count"/> echoed characters back off the screen.</summary>
        public static string Erasing(int count) =>
            count == 0 ? "" : new string('\b', count) + new string(' ', count) + new string('\b', count);

        public void Dispose()
        {
            if (_ctrlCWasInput) Console.TreatControlCAsInput = true;
        }
    }
}

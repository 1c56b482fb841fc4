using System.Management.Automation;
using System.Management.Automation.Host;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>
    /// The PowerShell host as an interactive session's terminal: the peer's bytes as they come,
    /// status lines in brackets on lines of their own. A line being typed (the editor's echo) is
    /// taken off the screen while the peer's text is written, then shown again after it.
    /// </summary>
    internal sealed class HostSessionTerminal : ISessionTerminal
    {
        private readonly PSHostUserInterface _ui;

        public HostSessionTerminal(PSHostUserInterface ui)
        {
            _ui = ui;
        }

        /// <summary>The console editor whose typed line is redrawn around the peer's text, if any.</summary>
        public ConsoleLineEditor Editor { get; set; }

        public void Write(string text)
        {
            if (text.Length == 0) return;
            string typed = Editor?.Pending ?? "";
            _ui.Write(ConsoleLineEditor.Erasing(typed.Length) + text + typed);
        }

        public void Say(string status)
        {
            try
            {
                string typed = Editor?.Pending ?? "";
                _ui.Write(ConsoleLineEditor.Erasing(typed.Length));
                _ui.WriteLine();
                _ui.WriteLine("[" + status + "]");
                _ui.Write(typed);
            }
            catch (PipelineStoppedException) { }
        }

        /// <summary>Echo of typed keys.</summary>
        public void Echo(string text) => _ui.Write(text);
    }
}

using System.Management.Automation;
using System.Management.Automation.Host;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>The PowerShell host as an interactive session's terminal: the peer's bytes as they come, status lines in brackets on lines of their own.</summary>
    internal sealed class HostSessionTerminal : ISessionTerminal
    {
        private readonly PSHostUserInterface _ui;

        public HostSessionTerminal(PSHostUserInterface ui)
        {
            _ui = ui;
        }

        public void Write(string text) => _ui.Write(text);

        public void Say(string status)
        {
            try { _ui.WriteLine(); _ui.WriteLine("[" + status + "]"); }
            catch (PipelineStoppedException) { }
        }
    }
}

using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using EchoNet.Client;

namespace EchoNet.Module
{
    /// <summary>
    /// Removing EchoNet (Remove-Module, or the removal Import-Module -Force does first) from the
    /// last runspace that has it loaded stops every server and closes every session, so no socket
    /// outlives the module; from any other runspace it leaves them running (<see cref="ModuleRunspaces"/>).
    /// When that stops something, a warning says what.
    /// </summary>
    public sealed class ModuleCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => ModuleRunspaces.Imported(Runspace.DefaultRunspace);

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (!ModuleRunspaces.RemovedFromLast(Runspace.DefaultRunspace)) return;
            var sessions = TcpSessionRegistry.All().Where(s => s.State != TcpSessionState.Closed).ToList();
            var servers = EchoServerRegistry.All();
            TcpSessionRegistry.CloseAll();
            EchoServerRegistry.StopAll();
            if (sessions.Count + servers.Count == 0) return;
            Warn($"Removing EchoNet from the last runspace that had it loaded (Remove-Module, or Import-Module -Force) " +
                $"stopped {servers.Count} server(s){Ids(servers.Select(s => s.Id))} and closed {sessions.Count} session(s){Ids(sessions.Select(s => s.Id))}.");
        }

        private static string Ids(System.Collections.Generic.IEnumerable<int> ids)
        {
            var list = ids.ToList();
            return list.Count == 0 ? string.Empty : " (Id " + string.Join(", ", list) + ")";
        }

        /// <summary>
        /// A warning from inside Remove-Module or Import-Module: a nested pipeline on the removing
        /// runspace's thread, whose warnings the host shows. Nothing is lost when there is no such
        /// pipeline (a runspace being closed): the clean-up has happened either way.
        /// </summary>
        private static void Warn(string message)
        {
            if (Runspace.DefaultRunspace == null) return;
            try
            {
                using (var nested = PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    nested.AddCommand("Microsoft.PowerShell.Utility\\Write-Warning").AddParameter("Message", message).Invoke();
                }
            }
            catch (System.InvalidOperationException)
            {
            }
        }
    }
}

using System.Management.Automation;
using EchoNet.Client;

namespace EchoNet.Module
{
    /// <summary>Remove-Module EchoNet stops every server and closes every session, so no socket outlives the module.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            TcpSessionRegistry.CloseAll();
            EchoServerRegistry.StopAll();
        }
    }
}

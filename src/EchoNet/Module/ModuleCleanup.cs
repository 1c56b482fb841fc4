using System.Management.Automation;

namespace EchoNet.Module
{
    /// <summary>Remove-Module EchoNet stops every server, so no listener outlives the module.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => EchoServerRegistry.StopAll();
    }
}

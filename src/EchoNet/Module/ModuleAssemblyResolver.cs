using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace EchoNet.Module
{
    /// <summary>
    /// Serves the assemblies EchoNet ships in its own folder when the runtime cannot bind them by
    /// itself. Windows PowerShell 5.1 (.NET Framework) needs this: EchoNet.Core and System.Memory
    /// reference versions of System.Buffers, System.Runtime.CompilerServices.Unsafe and
    /// System.Numerics.Vectors other than the ones that ship beside them (the versions NuGet
    /// resolved), and a module gets no binding redirects. pwsh 7 has all of them in the runtime, so
    /// the handler is never asked for them there.
    /// </summary>
    /// <remarks>
    /// Only the names in <see cref="Shipped"/> are served, only from this assembly's folder, only
    /// with the public key token of the file there, and only when the file's version is at least the
    /// one asked for (what a binding redirect would allow). Any other name gets null, so the runtime
    /// and other resolvers decide as if EchoNet were not loaded.
    /// </remarks>
    public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The assemblies the build copies into bin/ beside EchoNet.dll (tests compare this list with bin/).</summary>
        internal static readonly string[] Shipped =
        {
            "EchoNet.Core",
            "System.Buffers",
            "System.Memory",
            "System.Numerics.Vectors",
            "System.Runtime.CompilerServices.Unsafe",
        };

        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location);

        public void OnImport()
        {
            // Import-Module -Force runs OnImport again: never register twice.
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;

        private static Assembly OnAssemblyResolve(object sender, ResolveEventArgs args)
        {
            string path = PathFor(args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>The file in EchoNet's folder that may serve <paramref name="requested"/>, or null.</summary>
        internal static string PathFor(string requested)
        {
            AssemblyName wanted;
            try { wanted = new AssemblyName(requested); }
            catch (ArgumentException) { return null; }
            catch (FileLoadException) { return null; }
            if (!Shipped.Contains(wanted.Name, StringComparer.OrdinalIgnoreCase)) return null;
            string path = Path.Combine(Folder, wanted.Name + ".dll");
            if (!File.Exists(path)) return null;
            AssemblyName shipped;
            try { shipped = AssemblyName.GetAssemblyName(path); }
            catch (Exception e) when (e is IOException || e is BadImageFormatException || e is UnauthorizedAccessException) { return null; }
            if (wanted.Version != null && shipped.Version < wanted.Version) return null;
            byte[] wantedToken = wanted.GetPublicKeyToken();
            if (wantedToken != null && wantedToken.Length > 0 && !wantedToken.SequenceEqual(shipped.GetPublicKeyToken() ?? new byte[0])) return null;
            return path;
        }
    }
}

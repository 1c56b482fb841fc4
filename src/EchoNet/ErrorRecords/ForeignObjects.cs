using System.Linq;
using System.Management.Automation;

namespace EchoNet.ErrorRecords
{
    /// <summary>
    /// Objects that stand for a server or session of another host or process: what Invoke-Command
    /// returns (a PSComputerName property) and what Import-Clixml or remoting rebuild (a
    /// "Deserialized." type name). Their Id binds by property name like a local one, but means a
    /// server or session over there; acting on the local one with that Id would be wrong.
    /// </summary>
    internal static class ForeignObjects
    {
        public const string ErrorId = "ObjectFromAnotherHost";

        /// <summary>
        /// An error when <paramref name="piped"/> comes from another host or process; null when
        /// it may be acted on here. <paramref name="what"/> names the object ("echo server"),
        /// <paramref name="command"/> what would act on it there ("Stop-EchoServer -Id 3").
        /// </summary>
        public static ErrorRecord Refuse(PSObject piped, string what, string command)
        {
            if (piped == null) return null;
            string computer = piped.Properties["PSComputerName"]?.Value as string;
            bool deserialized = piped.TypeNames.Any(t => t.StartsWith("Deserialized.", System.StringComparison.Ordinal));
            if (string.IsNullOrEmpty(computer) && !deserialized) return null;
            string origin = string.IsNullOrEmpty(computer)
                ? "a deserialized copy (Import-Clixml, a job or remoting) of one in another process"
                : $"from the computer '{computer}' (Invoke-Command or a remote job)";
            string there = string.IsNullOrEmpty(computer)
                ? $"in the process that has it, run {command}"
                : $"run it there: Invoke-Command -ComputerName {computer} {{ {command} }} (or in the same PSSession)";
            string message = $"The {what} piped in is {origin}, not one of this process; nothing was done here. To act on it, {there}.";
            return new ErrorRecord(new PSArgumentException(message), ErrorId, ErrorCategory.InvalidArgument, piped);
        }
    }
}

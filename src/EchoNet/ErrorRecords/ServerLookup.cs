using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EchoNet.ErrorRecords
{
    /// <summary>Finds running servers by Id for Get-EchoServer and Stop-EchoServer.</summary>
    internal static class ServerLookup
    {
        /// <summary>The servers with these Ids; an ErrorRecord for each Id that has none.</summary>
        public static List<EchoServer> ById(IEnumerable<int> ids, List<ErrorRecord> errors)
        {
            var running = EchoServerRegistry.All();
            var found = new List<EchoServer>();
            foreach (var id in ids)
            {
                var server = running.FirstOrDefault(s => s.Id == id);
                if (server != null) found.Add(server);
                else errors.Add(NotFound($"No echo server has Id {id}.", id));
            }
            return found;
        }

        public static ErrorRecord NotFound(string message, object target)
        {
            return new ErrorRecord(new ItemNotFoundException(message), "EchoServerNotFound", ErrorCategory.ObjectNotFound, target);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EchoNet.Client;

namespace EchoNet.ErrorRecords
{
    /// <summary>Finds open TCP sessions by Id for Get-TcpSession and Disconnect-TcpSession.</summary>
    internal static class SessionLookup
    {
        /// <summary>The sessions with these Ids; an ErrorRecord for each Id that has none.</summary>
        public static List<TcpSession> ById(IEnumerable<int> ids, List<ErrorRecord> errors)
        {
            var open = TcpSessionRegistry.All();
            var found = new List<TcpSession>();
            foreach (var id in ids)
            {
                var session = open.FirstOrDefault(s => s.Id == id);
                if (session != null) found.Add(session);
                else errors.Add(new ErrorRecord(new ItemNotFoundException($"No TCP session has Id {id}."), "TcpSessionNotFound",
                    ErrorCategory.ObjectNotFound, id));
            }
            return found;
        }
    }
}

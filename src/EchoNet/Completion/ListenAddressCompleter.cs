using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net.NetworkInformation;

namespace EchoNet.Completion
{
    /// <summary>Tab completion for the addresses a server may listen on: loopback, every interface, and this machine's own addresses.</summary>
    internal sealed class ListenAddressCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var addresses = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("127.0.0.1", "IPv4 loopback: this machine only"),
                new KeyValuePair<string, string>("::1", "IPv6 loopback: this machine only"),
                new KeyValuePair<string, string>("localhost", "127.0.0.1"),
                new KeyValuePair<string, string>("*", "Every interface, IPv4 and IPv6: reachable from the network"),
                new KeyValuePair<string, string>("0.0.0.0", "Every IPv4 interface: reachable from the network"),
                new KeyValuePair<string, string>("::", "Every IPv6 interface: reachable from the network"),
            };
            try
            {
                foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
                    foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                        addresses.Add(new KeyValuePair<string, string>(unicast.Address.ToString(), nic.Name));
            }
            catch (NetworkInformationException)
            {
                // No interface list here: the fixed choices remain.
            }
            return TextCompletions.Matching(wordToComplete, addresses);
        }
    }
}

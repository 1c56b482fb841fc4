using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Addressing;
using EchoNet.Client;
using EchoNet.ErrorRecords;

namespace EchoNet.Binding
{
    /// <summary>
    /// -ComputerName × -Port, or "host:port" in -ComputerName, for the diagnostic cmdlets
    /// (Test-TcpPort, Wait-TcpPort, Measure-Throughput); an error for each name with no usable port.
    /// </summary>
    internal static class ProbeTargets
    {
        public static List<ClientTarget> From(string[] computerNames, int[] ports, List<ErrorRecord> errors)
        {
            var targets = new List<ClientTarget>();
            foreach (var name in computerNames)
            {
                if (!HostPort.TryParse(name, out var host, out var port))
                {
                    if (ports == null)
                        errors.Add(NetErrors.InvalidArgument("PortMissing", $"No port for '{name}': give -Port, or write it as 'host:port' ('[::1]:port' for IPv6).", name));
                    else foreach (var p in ports) targets.Add(new ClientTarget(name, p));
                }
                else if (ports != null)
                    errors.Add(NetErrors.InvalidArgument("PortGivenTwice", $"'{name}' names a port and -Port is given too; use one of them.", name));
                else if (port < 1 || port > 65535)
                    errors.Add(NetErrors.InvalidArgument("PortOutOfRange", $"The port in '{name}' is outside 1-65535.", name));
                else targets.Add(new ClientTarget(host, port));
            }
            return targets;
        }
    }
}

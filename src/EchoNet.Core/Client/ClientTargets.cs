using System.Collections.Generic;
using EchoNet.Addressing;

namespace EchoNet.Client
{
    /// <summary>
    /// The one resolver of client targets: -ComputerName × -Port, or the port written into the
    /// name ("host:port", "[v6]:port"). Every client command goes through it, so the same mistake
    /// gets the same error everywhere. Mistakes come back as values, for the caller to report.
    /// </summary>
    public static class ClientTargets
    {
        public static IReadOnlyList<ClientTarget> Resolve(IEnumerable<string> computerNames, IReadOnlyList<int> ports, ICollection<TargetMistake> mistakes)
        {
            var targets = new List<ClientTarget>();
            foreach (var name in computerNames)
            {
                int scheme = name.IndexOf("://", System.StringComparison.Ordinal);
                if (scheme > 0)
                {
                    string rest = name.Substring(scheme + 3);
                    int slash = rest.IndexOf('/');
                    if (slash >= 0) rest = rest.Substring(0, slash);
                    mistakes.Add(new TargetMistake("UrlNotAccepted",
                        $"'{name}' is a URL; give the host and port instead, as '{rest}' or -ComputerName and -Port.", name));
                }
                else if (HostPort.TryParse(name, out var host, out var port))
                {
                    if (ports != null)
                        mistakes.Add(new TargetMistake("PortGivenTwice", $"'{name}' names a port and -Port is given too; use one of them.", name));
                    else if (!ClientTarget.IsPort(port))
                        mistakes.Add(new TargetMistake("PortOutOfRange", $"The port in '{name}' is outside 1-65535.", name));
                    else targets.Add(new ClientTarget(host, port));
                }
                else if (ports == null)
                {
                    mistakes.Add(new TargetMistake("PortMissing",
                        $"No port for '{name}': give -Port, or write it as 'host:port' ('[::1]:port' for IPv6).", name));
                }
                else foreach (var p in ports) targets.Add(new ClientTarget(name, p));
            }
            return targets;
        }
    }
}

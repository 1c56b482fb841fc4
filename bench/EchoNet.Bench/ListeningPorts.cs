using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EchoNet.Bench
{
    /// <summary>
    /// The ports a process listens on, read back from the kernel (Linux /proc): its socket
    /// descriptors' inodes, looked up in /proc/net/tcp and /proc/net/udp. The C floor takes its
    /// port from the command line; given 0 it binds whatever the kernel picks, and this finds it.
    /// </summary>
    internal static class ListeningPorts
    {
        /// <summary>The TCP listening port and the UDP port of <paramref name="pid"/>; 0 where none is found.</summary>
        public static (int Tcp, int Udp) Of(int pid)
        {
            var inodes = new HashSet<string>();
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                string target;
                try { target = new FileInfo(fd).LinkTarget; }
                catch (IOException) { continue; }
                if (target != null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target.Substring(8, target.Length - 9));
            }
            return (Find($"/proc/{pid}/net/tcp", inodes, listenOnly: true), Find($"/proc/{pid}/net/udp", inodes, listenOnly: false));
        }

        private static int Find(string table, HashSet<string> inodes, bool listenOnly)
        {
            foreach (string line in File.ReadLines(table))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || !inodes.Contains(f[9])) continue;
                if (listenOnly && f[3] != "0A") continue;
                int colon = f[1].IndexOf(':');
                if (colon > 0) return int.Parse(f[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            return 0;
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace EchoNet.Engines
{
    /// <summary>
    /// How many file descriptors this process may open and how many it holds: every connection
    /// takes one, so a -MaxConnections above what is left cannot be served (accept fails with
    /// EMFILE). Read from /proc on Linux; unknown elsewhere.
    /// </summary>
    public sealed class DescriptorLimit
    {
        private DescriptorLimit(long limit, int inUse)
        {
            Limit = limit;
            InUse = inUse;
        }

        /// <summary>The soft limit (ulimit -n).</summary>
        public long Limit { get; }

        /// <summary>Descriptors open when it was read.</summary>
        public int InUse { get; }

        public long Available => Math.Max(0, Limit - InUse);

        /// <summary>This process's limit now, or null when the system does not say.</summary>
        public static DescriptorLimit Read()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            try
            {
                foreach (var line in File.ReadAllLines("/proc/self/limits"))
                {
                    // "Max open files            1024                 4096                 files"
                    if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                    var fields = line.Substring("Max open files".Length).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length == 0 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft)) return null;
                    return new DescriptorLimit(soft, Directory.GetFileSystemEntries("/proc/self/fd").Length);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
            return null;
        }
    }
}

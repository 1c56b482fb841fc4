using System;
using System.Management.Automation;

namespace EchoNet.Streams
{
    /// <summary>
    /// Whether a command's verbose lines would be shown, asked once per command so that a hot
    /// pipeline (a URL per record) builds no message nobody reads.
    /// </summary>
    internal static class VerboseStream
    {
        /// <summary>-Verbose given (or -Verbose:$false), else $VerbosePreference not SilentlyContinue or Ignore.</summary>
        public static bool IsEnabled(PSCmdlet command)
        {
            if (command.MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
                return ((SwitchParameter)verbose).IsPresent;
            var preference = command.GetVariableValue("VerbosePreference");
            return preference is ActionPreference p ? p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore
                : preference != null && !string.Equals(preference.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;

namespace EchoNet.Module
{
    /// <summary>
    /// The runspaces that have EchoNet loaded. Servers and sessions are process-wide (any runspace
    /// may use or stop them), so they are cleaned up only when the last of these runspaces removes
    /// the module: a thread job or a ForEach-Object -Parallel block that removes or re-imports it
    /// leaves the others' servers alone. A runspace that closed without removing the module (a
    /// finished parallel block, a job) no longer counts. Held weakly, so a runspace is never kept
    /// alive by having imported EchoNet.
    /// </summary>
    internal static class ModuleRunspaces
    {
        private static readonly object Gate = new object();
        private static readonly List<WeakReference<Runspace>> Loaded = new List<WeakReference<Runspace>>();

        /// <summary>Notes that <paramref name="runspace"/> imported the module (again, after -Force).</summary>
        public static void Imported(Runspace runspace)
        {
            if (runspace == null) return;
            lock (Gate)
            {
                Prune(except: null);
                if (IndexOf(runspace) < 0) Loaded.Add(new WeakReference<Runspace>(runspace));
            }
        }

        /// <summary>
        /// Notes that <paramref name="runspace"/> removed the module; true when no other open
        /// runspace has it loaded, so the process-wide servers and sessions should go.
        /// </summary>
        public static bool RemovedFromLast(Runspace runspace)
        {
            lock (Gate)
            {
                Prune(except: runspace);
                int index = runspace == null ? -1 : IndexOf(runspace);
                if (index >= 0) Loaded.RemoveAt(index);
                return Loaded.Count == 0;
            }
        }

        private static int IndexOf(Runspace runspace)
        {
            for (int i = 0; i < Loaded.Count; i++)
            {
                if (Loaded[i].TryGetTarget(out var held) && ReferenceEquals(held, runspace)) return i;
            }
            return -1;
        }

        /// <summary>Forgets the runspaces that are gone or closed (never <paramref name="except"/>, which is removing the module now).</summary>
        private static void Prune(Runspace except)
        {
            Loaded.RemoveAll(entry => !entry.TryGetTarget(out var runspace)
                || (!ReferenceEquals(runspace, except) && !IsOpen(runspace)));
        }

        private static bool IsOpen(Runspace runspace)
        {
            var state = runspace.RunspaceStateInfo.State;
            return state == RunspaceState.Opened || state == RunspaceState.BeforeOpen || state == RunspaceState.Opening;
        }
    }
}

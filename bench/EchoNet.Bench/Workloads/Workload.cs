using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>The servers a workload measures; the runner starts each one once, for every workload.</summary>
    [Flags]
    internal enum Servers
    {
        None = 0,
        EchoNet = 1,
        Baseline = 2,
        Both = EchoNet | Baseline,
    }

    /// <summary>
    /// One workload of <c>build.ps1 Bench</c>. A workload is one file in this folder with one class
    /// deriving from this one: the runner finds it (there is no list to edit), runs it when chosen,
    /// and prints the rows it adds to <see cref="BenchContext.Results"/> in run order.
    /// </summary>
    internal abstract class Workload
    {
        /// <summary>The number in the table and in <c>build.ps1 Bench -Workload</c>.</summary>
        public abstract int Id { get; }

        /// <summary>A name <c>-Workload</c> also accepts (e.g. "Soak"), or null.</summary>
        public virtual string Alias => null;

        /// <summary>
        /// Where the workload runs in the sequence (lower first). The numbers leave room between
        /// workloads; the order is the one the published tables were measured in.
        /// </summary>
        public abstract int RunOrder { get; }

        /// <summary>The servers it needs running.</summary>
        public virtual Servers Needs => Servers.Both;

        /// <summary>False for workloads too long for <c>-Quick</c> (they still run when named with <c>-Workload</c>).</summary>
        public virtual bool InQuickPass => true;

        public abstract Task RunAsync(BenchContext bench);

        /// <summary>Every workload in this assembly, in run order.</summary>
        public static IReadOnlyList<Workload> All { get; } = Discover();

        private static IReadOnlyList<Workload> Discover()
        {
            var all = typeof(Workload).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(Workload)) && !t.IsAbstract)
                .Select(t => (Workload)Activator.CreateInstance(t))
                .OrderBy(w => w.RunOrder)
                .ToList();
            // One class may add several rows (workload 8 does); two classes with one number or one
            // run position are a mistake.
            var clash = all.GroupBy(w => w.Id).FirstOrDefault(g => g.Count() > 1)
                ?? all.GroupBy(w => w.RunOrder).FirstOrDefault(g => g.Count() > 1);
            if (clash != null)
                throw new InvalidOperationException("Workloads " + string.Join(" and ", clash.Select(w => w.GetType().Name)) + " share a number or a run position.");
            return all;
        }
    }
}

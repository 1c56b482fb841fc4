using System;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>A load against one server that <see cref="BenchContext.Compare"/> measures in rounds.</summary>
    internal interface ILoad
    {
        Task<Round> RunAsync(TimeSpan duration, ServerProcess server, LatencyLog latency);
    }
}

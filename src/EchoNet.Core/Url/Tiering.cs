using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// How the parser's hot methods are compiled. .NET first compiles a method quickly (tier 0),
    /// then with instrumentation, and only after many calls and a background delay fully
    /// optimized; measured here, a pass over 50,000 URLs ran mostly in the slow tiers (the
    /// instrumented code calls into the runtime for its counters), at two to three times the
    /// cost. <see cref="Optimized"/> methods are compiled fully optimized on first call instead,
    /// and tiny helpers are inlined into them.
    /// </summary>
    internal static class Tiering
    {
        /// <summary>MethodImplOptions.AggressiveOptimization (512), which netstandard2.0's enum lacks; the runtime honours it.</summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;

        public const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    }
}

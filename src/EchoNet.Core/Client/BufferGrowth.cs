using System;

namespace EchoNet.Client
{
    /// <summary>
    /// How a receive buffer grows: doubling, computed in 64 bits so that it never wraps past
    /// int.MaxValue, and capped at the largest byte array the runtime allows. Public so the
    /// boundary can be checked without streaming gigabytes.
    /// </summary>
    public static class BufferGrowth
    {
        /// <summary>The largest byte array length .NET allows (Array.MaxLength on .NET 6+).</summary>
        public const int MaxArrayLength = 0x7FFFFFC7;

        /// <summary>
        /// The size a buffer of <paramref name="size"/> bytes holding <paramref name="held"/> must
        /// grow to for <paramref name="needed"/> more; -1 when no byte array can hold that many.
        /// </summary>
        public static int NextSize(int size, int held, int needed) => NextSize(size, held, needed, MaxArrayLength);

        /// <summary>
        /// As above, but the doubling stops at <paramref name="ceiling"/> (a reply limit plus one
        /// read), so a buffer never takes twice the memory its limit needs; never less than required.
        /// </summary>
        public static int NextSize(int size, int held, int needed, long ceiling)
        {
            long required = (long)held + needed;
            if (required > MaxArrayLength) return -1;
            long next = Math.Max(size, 1);
            if (size >= required) return size; // room enough: never shrink (that would copy for nothing)
            while (next < required) next *= 2;
            next = Math.Min(next, Math.Max(required, ceiling));
            return (int)Math.Min(next, MaxArrayLength);
        }
    }
}

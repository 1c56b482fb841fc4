using System;
using System.Collections.Generic;

namespace EchoNet.Bench
{
    /// <summary>Every child process, so that any exit path ends them.</summary>
    internal static class Children
    {
        private static readonly List<IDisposable> Live = new List<IDisposable>();

        static Children()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        public static T Track<T>(T child) where T : IDisposable
        {
            lock (Live) Live.Add(child);
            return child;
        }

        public static void Release(IDisposable child)
        {
            lock (Live) Live.Remove(child);
            child.Dispose();
        }

        public static void KillAll()
        {
            IDisposable[] all;
            lock (Live) { all = Live.ToArray(); Live.Clear(); }
            foreach (var c in all) { try { c.Dispose(); } catch (Exception) { } }
        }
    }
}

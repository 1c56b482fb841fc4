using System;
using System.Collections.Generic;

namespace EchoNet.Bench
{
    /// <summary>
    /// What <see cref="BenchContext.CompareAll"/> measured: per server (EchoNet first, then the
    /// baseline, then the C floor and the other build when they ran) its load and the summary of
    /// its rounds. Disposing it disposes the loads.
    /// </summary>
    internal sealed class Measured<TLoad> : IDisposable where TLoad : ILoad
    {
        private readonly List<(string Label, ServerProcess Server, TLoad Load, Summary Summary)> _servers = new List<(string, ServerProcess, TLoad, Summary)>();

        public int Count => _servers.Count;

        public void Add(string label, ServerProcess server, TLoad load) => _servers.Add((label, server, load, null));

        public string Label(int i) => _servers[i].Label;
        public ServerProcess Server(int i) => _servers[i].Server;
        public TLoad Load(int i) => _servers[i].Load;
        public Summary Summary(int i) => _servers[i].Summary;
        public void SetSummary(int i, Summary summary) => _servers[i] = (_servers[i].Label, _servers[i].Server, _servers[i].Load, summary);

        public Summary Summary(string label) => _servers[IndexOf(label)].Summary;
        public TLoad Load(string label) => _servers[IndexOf(label)].Load;

        private int IndexOf(string label)
        {
            int i = _servers.FindIndex(s => s.Label == label);
            return i >= 0 ? i : throw new KeyNotFoundException(label);
        }

        public void Dispose()
        {
            foreach (var s in _servers) (s.Load as IDisposable)?.Dispose();
        }
    }
}

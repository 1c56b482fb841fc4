using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Client;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// Runs a TCP connect series (tcping): each round connects to every target once, times the
    /// connect and closes. Names are resolved once, before the first probe, so the probes time the
    /// connect alone; a name that does not resolve is reported and its target dropped.
    /// Runs on the caller's thread and stops, without a report, when canceled.
    /// </summary>
    public static class TcpConnectSeries
    {
        public static IEnumerable<ClientReport> Run(ProbePlan plan, TlsClientOptions tls, ClientTrace trace, CancellationToken cancel)
        {
            var resolved = new List<KeyValuePair<ClientTarget, IPAddress>>();
            foreach (var target in plan.Targets)
            {
                var name = HostPort.Format(target.ComputerName, target.Port);
                IPAddress address = null;
                NetException failure = null;
                try { address = HostResolver.Resolve(target.ComputerName, plan.TimeoutMs, cancel)[0]; }
                catch (NetException e) { failure = e; }
                if (failure != null && failure.Kind == NetErrorKind.Canceled) yield break;
                if (failure != null)
                {
                    yield return ClientReport.ForError(failure.Naming(name), name);
                    continue;
                }
                trace?.Add($"{name}: probing {address}.");
                resolved.Add(new KeyValuePair<ClientTarget, IPAddress>(target, address));
            }
            if (resolved.Count == 0) yield break;

            foreach (int round in ProbeRounds.Of(plan, cancel))
            {
                foreach (var entry in resolved)
                {
                    var result = Probe(entry.Key, entry.Value, plan.TimeoutMs, tls, cancel);
                    if (cancel.IsCancellationRequested) yield break;
                    if (round < 1)
                    {
                        trace?.Add($"Warm-up probe of {result.Target}: {result.Status} in {result.ConnectTimeMs:0.###} ms (not counted).");
                        continue;
                    }
                    result.Sequence = round;
                    yield return ClientReport.ForResult(result);
                }
            }
        }

        /// <summary>
        /// One probe: connect (and, with <paramref name="tls"/>, complete the handshake) within the
        /// timeout, close at once. The address is the one the name resolved to; the certificate is
        /// checked against the name, unless the options name another.
        /// </summary>
        public static TcpConnectResult Probe(ClientTarget target, IPAddress address, int timeoutMs, TlsClientOptions tls, CancellationToken cancel)
        {
            var result = new TcpConnectResult
            {
                ComputerName = target.ComputerName,
                Port = target.Port,
                Target = HostPort.Format(target.ComputerName, target.Port),
                RemoteEndPoint = new IPEndPoint(address, target.Port),
                Tls = tls != null,
                Timestamp = DateTime.UtcNow,
            };
            var to = new ClientTarget(address.ToString(), target.Port);
            long start = Stopwatch.GetTimestamp();
            try
            {
                IPEndPoint local;
                if (tls == null)
                    using (var socket = TcpConnector.Connect(to, timeoutMs, cancel)) local = socket.LocalEndPoint as IPEndPoint;
                else
                    using (var connection = TcpConnection.Open(to, timeoutMs, tls.ServerName == null ? new TlsClientOptions(target.ComputerName, tls.SkipCertificateCheck) : tls, null, cancel))
                        local = connection.LocalEndPoint;
                result.ConnectTime = TimeSpan.FromMilliseconds(Waits.ElapsedMs(start));
                result.Connected = true;
                result.LocalEndPoint = local;
            }
            catch (NetException e)
            {
                result.ConnectTime = TimeSpan.FromMilliseconds(Waits.ElapsedMs(start));
                result.ErrorKind = e.Kind;
                result.Error = e.Naming(result.Target).Message;
            }
            return result;
        }
    }
}

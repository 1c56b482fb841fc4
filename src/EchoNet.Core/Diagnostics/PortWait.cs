using System;
using System.Diagnostics;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Client;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Diagnostics
{
    /// <summary>
    /// Waits for a TCP port to accept a connection (wait-for-it): connect, and on any failure
    /// (refused, no route, a name that does not resolve yet) wait and try again, the pause
    /// doubling from <see cref="FirstPauseMs"/> up to a cap, until a shared deadline.
    /// </summary>
    public static class PortWait
    {
        public const int FirstPauseMs = 50;

        /// <summary>
        /// Returns once the port accepts; throws NetException Timeout, naming the target, the
        /// attempts and the last failure, when the deadline passes first; Canceled on cancel.
        /// </summary>
        public static TcpPortWaitResult Until(ClientTarget target, long startTimestamp, long deadlineTimestamp, int maxPauseMs,
            ClientTrace trace, CancellationToken cancel)
        {
            var name = HostPort.Format(target.ComputerName, target.Port);
            int attempts = 0;
            int pause = Math.Min(FirstPauseMs, maxPauseMs);
            NetException last = null;
            while (true)
            {
                attempts++;
                // Every attempt gets at least a moment, so even a spent deadline tries once.
                int budget = Math.Max(1, Waits.Remaining(deadlineTimestamp));
                try
                {
                    using (var socket = TcpConnector.Connect(target, budget, cancel))
                    {
                        trace?.Add($"{name} accepted attempt {attempts} from {socket.LocalEndPoint}.");
                        return new TcpPortWaitResult
                        {
                            ComputerName = target.ComputerName,
                            Port = target.Port,
                            Target = name,
                            Open = true,
                            RemoteEndPoint = socket.RemoteEndPoint as System.Net.IPEndPoint,
                            Attempts = attempts,
                            Waited = TimeSpan.FromMilliseconds(Waits.ElapsedMs(startTimestamp)),
                        };
                    }
                }
                catch (NetException e) when (e.Kind != NetErrorKind.Canceled)
                {
                    last = e;
                    trace?.Add($"{name} attempt {attempts}: {e.Message}");
                }
                int left = Waits.Remaining(deadlineTimestamp);
                if (left <= 0) throw NeverOpened(name, attempts, startTimestamp, last);
                if (cancel.WaitHandle.WaitOne(Math.Min(pause, left)))
                    throw new NetException(NetErrorKind.Canceled, $"Waiting for {name} was canceled.");
                pause = Math.Min(maxPauseMs, pause * 2);
                if (Waits.Remaining(deadlineTimestamp) <= 0) throw NeverOpened(name, attempts, startTimestamp, last);
            }
        }

        private static NetException NeverOpened(string name, int attempts, long startTimestamp, NetException last)
        {
            return new NetException(NetErrorKind.Timeout,
                $"{name} did not accept a connection within {Waits.ElapsedMs(startTimestamp):0} ms ({attempts} attempt{(attempts == 1 ? "" : "s")}; last: {last?.Message})",
                last);
        }
    }
}

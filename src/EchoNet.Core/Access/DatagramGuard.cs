using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;

namespace EchoNet.Access
{
    /// <summary>Why a datagram gets no answer from the guard.</summary>
    public enum DatagramVerdict
    {
        Answer,

        /// <summary>From a port of an echo-type service: answering could start an endless ping-pong.</summary>
        EchoServicePort,

        /// <summary>From this server's own endpoint (a spoofed source): answering would talk to itself.</summary>
        OwnEndPoint,

        /// <summary>From the endpoint of another EchoNet UDP server of this process: answering could start an endless ping-pong.</summary>
        LocalServer,

        /// <summary>The source sends back the same payload at line rate (<see cref="PingPongDetector"/>): a loop with another echo service.</summary>
        PingPong,

        /// <summary>The sender exceeded the per-source datagram rate.</summary>
        RateLimited,
    }

    /// <summary>
    /// UDP echo is the classic reflection and loop vector: one spoofed datagram can set two echo
    /// services answering each other forever. As BSD inetd's check_loop does for its built-in
    /// services, datagrams from the ports of echo-type services (echo 7, daytime 13, qotd 17,
    /// chargen 19, time 37), from the server's own endpoint and from those of the other EchoNet
    /// UDP servers of the process (<see cref="LocalDatagramEndPoints"/>) get no answer. Optionally each
    /// source address may send only so many datagrams a second (a token bucket per address).
    /// </summary>
    public sealed class DatagramGuard
    {
        private static readonly int[] EchoServicePorts = { 7, 13, 17, 19, 37 };

        // Sources remembered for the rate limit; idle ones are forgotten first when it fills.
        private const int MaxTrackedSources = 16 * 1024;

        private readonly HashSet<IPAddress> _ownAddresses;
        private readonly bool _ownIsAny;
        private readonly int _port;
        private readonly int _perSecond;
        private readonly Dictionary<IPAddress, Bucket> _buckets = new Dictionary<IPAddress, Bucket>();

        /// <param name="own">The server's UDP endpoints (all on one port).</param>
        /// <param name="datagramsPerSecond">Per source address; 0 for no limit.</param>
        public DatagramGuard(IEnumerable<IPEndPoint> own, int datagramsPerSecond)
        {
            var endPoints = own.ToArray();
            _port = endPoints.Length == 0 ? -1 : endPoints[0].Port;
            _ownAddresses = new HashSet<IPAddress>(endPoints.Select(e => LocalDatagramEndPoints.Normalize(e.Address)));
            _ownIsAny = endPoints.Any(e => Addressing.ListenAddresses.IsAny(e.Address));
            _perSecond = datagramsPerSecond;
        }

        public int DatagramsPerSecond => _perSecond;

        /// <summary>The server's UDP port (-1 before it is bound).</summary>
        public int Port => _port;

        /// <summary>True for a source port no echo service should answer, whoever sends from it.</summary>
        public static bool IsEchoServicePort(int port) => System.Array.IndexOf(EchoServicePorts, port) >= 0;

        public DatagramVerdict Check(IPEndPoint source)
        {
            if (IsEchoServicePort(source.Port)) return DatagramVerdict.EchoServicePort;
            var address = LocalDatagramEndPoints.Normalize(source.Address);
            if (source.Port == _port && (_ownIsAny || IPAddress.IsLoopback(address) || _ownAddresses.Contains(address)))
                return DatagramVerdict.OwnEndPoint;
            if (LocalDatagramEndPoints.Contains(source)) return DatagramVerdict.LocalServer;
            if (_perSecond > 0 && !TakeToken(address)) return DatagramVerdict.RateLimited;
            return DatagramVerdict.Answer;
        }

        private bool TakeToken(IPAddress source)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_buckets)
            {
                if (!_buckets.TryGetValue(source, out var bucket))
                {
                    if (_buckets.Count >= MaxTrackedSources) ForgetIdle(now);
                    bucket = new Bucket { Tokens = _perSecond, Stamp = now };
                    _buckets[source] = bucket;
                }
                bucket.Tokens = System.Math.Min(_perSecond, bucket.Tokens + (now - bucket.Stamp) * (double)_perSecond / Stopwatch.Frequency);
                bucket.Stamp = now;
                if (bucket.Tokens < 1) return false;
                bucket.Tokens -= 1;
                return true;
            }
        }

        /// <summary>Drops the sources whose bucket has refilled (they are as if never seen).</summary>
        private void ForgetIdle(long now)
        {
            var idle = _buckets.Where(b => b.Value.Tokens + (now - b.Value.Stamp) * (double)_perSecond / Stopwatch.Frequency >= _perSecond)
                .Select(b => b.Key).ToList();
            foreach (var source in idle) _buckets.Remove(source);
            if (_buckets.Count >= MaxTrackedSources) _buckets.Clear();
        }

        private sealed class Bucket
        {
            public double Tokens;
            public long Stamp;
        }
    }
}

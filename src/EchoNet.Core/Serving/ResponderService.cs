using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>
    /// -Responder: requests framed by <see cref="RequestFramer"/> (TCP) or one per datagram (UDP)
    /// go to the server's <see cref="EchoResponder"/>; its answers, which complete later on other
    /// threads, go back through the connection's <see cref="IConnectionOutput"/> or the listener's
    /// <see cref="IDatagramOutput"/>. It raises its own events: Received per request, Sent per
    /// reply. A sweep stops answers that run past the timeout and closes their connection.
    /// </summary>
    internal sealed class ResponderService : ServerService, IDisposable
    {
        /// <summary>UDP requests being answered at once at most; more are dropped and counted.</summary>
        public const int MaxDatagramsInFlight = 1024;

        private readonly ConcurrentDictionary<ResponderSession, byte> _sessions = new ConcurrentDictionary<ResponderSession, byte>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly Timer _sweep;
        private readonly long _timeoutTicks;
        private int _datagramsInFlight;

        public ResponderService(EchoServerOptions options, ServerCounters counters, IServerEvents events)
        {
            Responder = options.Responder;
            Counters = counters;
            Events = events;
            Encoding = options.Encoding;
            RequestLength = options.RequestLength;
            Terminator = options.RequestLength > 0 ? null : Encoding.GetBytes(options.RequestTerminator ?? "\n");
            TrimCarriageReturn = options.RequestLength == 0 && (options.RequestTerminator ?? "\n") == "\n";
            MaxRequestLength = options.MaxRequestLength;
            Server = new EchoRequestServer();
            if (options.ResponderTimeout > TimeSpan.Zero)
            {
                _timeoutTicks = (long)(options.ResponderTimeout.TotalSeconds * Stopwatch.Frequency);
                int period = (int)Math.Max(20, Math.Min(250, options.ResponderTimeout.TotalMilliseconds / 4));
                _sweep = new Timer(_ => StopOverdue(), null, period, period);
            }
        }

        public EchoResponder Responder { get; }
        public ServerCounters Counters { get; }
        public IServerEvents Events { get; }
        public Encoding Encoding { get; }
        public byte[] Terminator { get; }
        public int RequestLength { get; }
        public int MaxRequestLength { get; }
        public bool TrimCarriageReturn { get; }
        public EchoRequestServer Server { get; }
        public CancellationToken Stopping => _stopping.Token;
        public TimeSpan Timeout => TimeSpan.FromSeconds(_timeoutTicks / (double)Stopwatch.Frequency);

        public override StreamSession OpenStream(IConnectionOutput connection)
        {
            var session = new ResponderSession(this, connection);
            _sessions.TryAdd(session, 0);
            session.Open();
            return session;
        }

        public void Forget(ResponderSession session) => _sessions.TryRemove(session, out _);

        /// <summary>A request from its bytes (without the terminator).</summary>
        public EchoRequest NewRequest(byte[] data, long index, EchoRequestConnection connection)
        {
            string text = Encoding.GetString(data);
            if (TrimCarriageReturn && text.Length > 0 && text[text.Length - 1] == '\r') text = text.Substring(0, text.Length - 1);
            return new EchoRequest(data, text, index, connection, Server);
        }

        public override ArraySegment<byte> Datagram(byte[] buffer, int count, IRemotePeer peer, IDatagramOutput output)
        {
            var remote = peer.RemoteEndPoint;
            if (Events.IsWatched) Events.RaiseData(EchoServerEventKind.Datagram, EchoProtocol.Udp, remote, 0, buffer, count);
            if (Interlocked.Increment(ref _datagramsInFlight) > MaxDatagramsInFlight)
            {
                Interlocked.Decrement(ref _datagramsInFlight);
                Counters.DatagramDropped();
                if (Events.IsWatched)
                    Events.Raise(EchoServerEventKind.Dropped, EchoProtocol.Udp, remote, count,
                        $"{MaxDatagramsInFlight} datagrams are being answered already: not answered.");
                return default;
            }
            var data = new byte[count];
            Buffer.BlockCopy(buffer, 0, data, 0, count);
            var request = NewRequest(data, 1, new EchoRequestConnection(0, remote, EchoProtocol.Udp));
            Task<byte[]> answer;
            try { answer = Responder.RespondAsync(request, _stopping.Token); }
            catch (Exception e) { answer = Task.FromException<byte[]>(e); }
            answer.ContinueWith((t, state) => DatagramAnswered(t, (Tuple<EndPoint, IDatagramOutput>)state),
                Tuple.Create(remote, output), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return default;
        }

        private void DatagramAnswered(Task<byte[]> answer, Tuple<EndPoint, IDatagramOutput> to)
        {
            Interlocked.Decrement(ref _datagramsInFlight);
            var reply = Answered(answer, to.Item1, EchoProtocol.Udp, 0);
            if (reply != null && reply.Length > 0) to.Item2.SendTo(to.Item1, new ArraySegment<byte>(reply));
        }

        /// <summary>
        /// The reply of a finished answer (null for none), with its counters and events: a fault is
        /// an Error event, a cancellation (timeout, stop) is silent here.
        /// </summary>
        public byte[] Answered(Task<byte[]> answer, EndPoint remote, EchoProtocol protocol, long connectionId, bool isRequest = true)
        {
            if (answer.IsCanceled) return null;
            if (answer.IsFaulted)
            {
                Counters.ResponderFailed();
                var error = answer.Exception.GetBaseException();
                if (Events.IsWatched) Events.Raise(EchoServerEventKind.Error, protocol, remote, 0, "The responder failed: " + error.Message, connectionId);
                return null;
            }
            if (isRequest) Counters.Requested();
            var reply = answer.Result;
            if (reply != null && reply.Length > 0 && Events.IsWatched)
                Events.RaiseData(EchoServerEventKind.Sent, protocol, remote, connectionId, reply, reply.Length);
            return reply;
        }

        /// <summary>On the sweep's timer thread, where an exception would end the process.</summary>
        private void StopOverdue()
        {
            long now = Stopwatch.GetTimestamp();
            foreach (var session in _sessions.Keys)
            {
                try { session.StopIfOverdue(now, _timeoutTicks); }
                catch (Exception) { /* the next sweep tries again */ }
            }
        }

        /// <summary>After the listeners closed: stop what still runs, then the responder itself.</summary>
        public void Dispose()
        {
            _sweep?.Dispose();
            _stopping.Cancel();
            Responder.Dispose();
        }
    }
}

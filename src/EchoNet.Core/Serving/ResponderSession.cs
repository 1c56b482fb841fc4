using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Engines;
using EchoNet.Server;

namespace EchoNet.Serving
{
    /// <summary>
    /// One TCP connection of a responder server. Its requests are answered one at a time, in
    /// order (the greeting first): the next is asked for only when the last answer is handed to the
    /// connection's output, so replies keep request order and the connection's state needs no lock.
    /// Answers complete on other threads; nothing here blocks the engine's thread. While
    /// <see cref="HeldRequests"/> requests wait, the engine stops reading (pipelining is bounded);
    /// while the connection's replies back up (a client that does not read), no more are asked for.
    /// </summary>
    internal sealed class ResponderSession : StreamSession
    {
        /// <summary>Requests framed and waiting for their turn, at most, before the engine stops reading.</summary>
        public const int HeldRequests = 64;

        private readonly ResponderService _service;
        private readonly IConnectionOutput _output;
        private readonly EchoRequestConnection _connection;
        private readonly RequestFramer _framer;
        private readonly Queue<EchoRequest> _waiting = new Queue<EchoRequest>();
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly Action<byte[], int, int, int> _onRequest;
        private readonly object _gate = new object();
        private long _index;
        private bool _greetPending;
        private bool _running;
        private long _runningSince;
        private bool _closeWhenDone;
        private volatile bool _ended;

        public ResponderSession(ResponderService service, IConnectionOutput output)
        {
            _service = service;
            _output = output;
            _connection = new EchoRequestConnection(output.Id, output.RemoteEndPoint, EchoProtocol.Tcp);
            _framer = new RequestFramer(service.Terminator, service.RequestLength, service.MaxRequestLength);
            _onRequest = OnRequest;
        }

        /// <summary>Right after the connection was admitted: the greeting goes first.</summary>
        public void Open()
        {
            if (!_service.Responder.Greets) return;
            _greetPending = true;
            RunNext();
        }

        public override bool HoldsInput => _ended || Volatile.Read(ref _closeWhenDone) || _waiting.Count >= HeldRequests;

        public override ArraySegment<byte> Received(byte[] buffer, int count)
        {
            if (_ended || Volatile.Read(ref _closeWhenDone)) return default;
            if (!_framer.Push(buffer, count, _onRequest))
            {
                _service.Counters.LineTooLong();
                if (_service.Events.IsWatched)
                    _service.Events.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, _connection.RemoteEndPoint, 0,
                        $"A request longer than {_service.MaxRequestLength} bytes (-MaxLineLength): connection closed after the requests before it are answered.",
                        _connection.Id);
                lock (_gate) _closeWhenDone = true;
            }
            RunNext();
            return default;
        }

        private void OnRequest(byte[] buffer, int start, int length, int terminatorLength)
        {
            var events = _service.Events;
            if (events.IsWatched)
            {
                var whole = new byte[length];
                Buffer.BlockCopy(buffer, start, whole, 0, length);
                events.RaiseData(EchoServerEventKind.Received, EchoProtocol.Tcp, _connection.RemoteEndPoint, _connection.Id, whole, length);
            }
            var data = new byte[length - terminatorLength];
            Buffer.BlockCopy(buffer, start, data, 0, data.Length);
            var request = _service.NewRequest(data, ++_index, _connection);
            lock (_gate) _waiting.Enqueue(request);
        }

        /// <summary>Starts the next answer unless one runs; loops while answers complete at once.</summary>
        private void RunNext()
        {
            while (true)
            {
                EchoRequest request = null;
                bool greet = false, resume = false, close = false;
                // Replies the client has not taken yet: ask for no more until they drain (OutputReady).
                if (_output.IsBacklogged) return;
                lock (_gate)
                {
                    if (_running || _ended) return;
                    if (_greetPending)
                    {
                        greet = true;
                        _greetPending = false;
                    }
                    else if (_waiting.Count > 0)
                    {
                        resume = _waiting.Count == HeldRequests;
                        request = _waiting.Dequeue();
                    }
                    else if (_closeWhenDone)
                    {
                        _ended = true;
                        close = true;
                    }
                    else return;
                    if (!close)
                    {
                        _running = true;
                        _runningSince = Stopwatch.GetTimestamp();
                    }
                }
                if (close) { _output.CloseWhenSent(); return; }
                if (resume) _output.ResumeReceiving();

                var answer = Ask(greet, request);
                if (!answer.IsCompleted)
                {
                    answer.ContinueWith((t, state) => ((ResponderSession)state).AfterAnswer(t, greet), this,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    return;
                }
                if (!Deliver(answer, greet)) return;
            }
        }

        private Task<byte[]> Ask(bool greet, EchoRequest request)
        {
            try
            {
                var responder = _service.Responder;
                return (greet ? responder.GreetAsync(_connection, _cancel.Token) : responder.RespondAsync(request, _cancel.Token))
                    ?? Task.FromResult<byte[]>(null);
            }
            catch (Exception e)
            {
                return Task.FromException<byte[]>(e);
            }
        }

        private void AfterAnswer(Task<byte[]> answer, bool greet)
        {
            if (Deliver(answer, greet)) RunNext();
        }

        /// <summary>Hands a finished answer to the connection; false when the connection is done with.</summary>
        private bool Deliver(Task<byte[]> answer, bool greet)
        {
            lock (_gate)
            {
                _running = false;
                _runningSince = 0;
                if (_ended) return false;
            }
            var reply = _service.Answered(answer, _connection.RemoteEndPoint, EchoProtocol.Tcp, _connection.Id, !greet);
            if (reply != null && reply.Length > 0) _output.Send(new ArraySegment<byte>(reply));
            if (!_connection.CloseRequested) return true;
            lock (_gate)
            {
                _ended = true;
                _waiting.Clear();
            }
            _output.CloseWhenSent();
            return false;
        }

        public override void OutputReady() => RunNext();

        /// <summary>From the service's sweep: an answer running longer than allowed is stopped and its connection closed.</summary>
        public void StopIfOverdue(long now, long timeoutTicks)
        {
            lock (_gate)
            {
                if (!_running || _ended || now - _runningSince <= timeoutTicks) return;
                _ended = true;
            }
            _service.Counters.ResponderTimedOut();
            if (_service.Events.IsWatched)
                _service.Events.Raise(EchoServerEventKind.Error, EchoProtocol.Tcp, _connection.RemoteEndPoint, 0,
                    $"The responder ran past -ResponderTimeout ({_service.Timeout.TotalSeconds:0.###} s): stopped, connection closed.",
                    _connection.Id);
            _cancel.Cancel();
            _output.Close();
        }

        public override void Closed()
        {
            lock (_gate)
            {
                _ended = true;
                _waiting.Clear();
            }
            _service.Forget(this);
            _cancel.Cancel();
            // Bytes of a request that never ended are reported, not lost.
            if (_framer.Held > 0 && _service.Events.IsWatched)
            {
                var held = _framer.HeldBytes();
                _service.Events.RaiseData(EchoServerEventKind.Received, EchoProtocol.Tcp, _connection.RemoteEndPoint, _connection.Id, held, held.Length);
            }
        }
    }
}

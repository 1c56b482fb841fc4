using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Server;

namespace EchoNet.Responders
{
    /// <summary>
    /// -Responder in PowerShell: the server's own RunspacePool with one long-running worker per
    /// runspace (<see cref="ResponderWorker"/>). Requests arrive from socket threads as jobs in a
    /// queue; no scriptblock ever runs on a socket or thread-pool thread (pwsh crashes on that).
    /// Disposing stops running scriptblocks, ends the workers and closes every runspace.
    /// </summary>
    internal sealed class ScriptResponder : EchoResponder
    {
        private const int StopWaitMs = 5000;

        private readonly BlockingCollection<ResponderJob> _jobs = new BlockingCollection<ResponderJob>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly List<ResponderWorker> _workers = new List<ResponderWorker>();
        private readonly RunspacePool _pool;
        private readonly ReplyEncoder _encoder;
        private readonly ScriptBlock _responder;
        private readonly object _greeting;
        private readonly byte[] _greetingBytes;
        private readonly ScriptBlock _initialization;
        private readonly object[] _arguments;
        private int _disposed;

        /// <summary>Opens the pool and starts its workers; <paramref name="greeting"/>: null, a string (sent with the reply terminator) or a scriptblock given the connection.</summary>
        public ScriptResponder(ScriptBlock responder, object greeting, ScriptBlock initialization, object[] arguments,
            int runspaces, Encoding encoding, string replyTerminator, bool mirrorCarriageReturn, string datagramTerminator)
        {
            _responder = responder;
            _greeting = greeting;
            _initialization = initialization;
            _arguments = arguments;
            _encoder = new ReplyEncoder(encoding, replyTerminator, mirrorCarriageReturn, datagramTerminator);
            if (greeting is string text) _greetingBytes = _encoder.Line(text);
            Runspaces = runspaces;
            _pool = RunspaceFactory.CreateRunspacePool(InitialSessionState.CreateDefault2());
            _pool.SetMaxRunspaces(runspaces);
            _pool.Open();
            try
            {
                for (int i = 0; i < runspaces; i++) StartWorker();
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The pool's size: at most this many requests are answered at once.</summary>
        public int Runspaces { get; }

        public override bool Greets => _greeting != null;

        public override Task<byte[]> RespondAsync(EchoRequest request, CancellationToken cancel) =>
            Queue(new ResponderJob(request, false, _encoder), cancel);

        public override Task<byte[]> GreetAsync(EchoRequestConnection connection, CancellationToken cancel) =>
            _greetingBytes != null ? Task.FromResult(_greetingBytes) : Queue(new ResponderJob(connection, true, _encoder), cancel);

        private Task<byte[]> Queue(ResponderJob job, CancellationToken cancel)
        {
            job.CancelWith(cancel);
            try { _jobs.Add(job); }
            catch (InvalidOperationException) { job.Cancel(); } // stopping: no more work
            return job.Answer;
        }

        /// <summary>For a worker: the next job, or null once stopping.</summary>
        internal ResponderJob NextJob()
        {
            try { return _jobs.Take(_stopping.Token); }
            catch (OperationCanceledException) { return null; }
            catch (InvalidOperationException) { return null; }
        }

        private void StartWorker()
        {
            var worker = new ResponderWorker(this);
            var pipeline = PowerShell.Create();
            pipeline.RunspacePool = _pool;
            pipeline.AddScript(ResponderWorker.Script)
                .AddArgument(worker)
                .AddArgument(_responder.ToString())
                .AddArgument((_greeting as ScriptBlock)?.ToString())
                .AddArgument(_initialization?.ToString())
                .AddArgument(_arguments);
            worker.Pipeline = pipeline;
            lock (_workers)
            {
                if (Volatile.Read(ref _disposed) != 0) { pipeline.Dispose(); return; }
                _workers.Add(worker);
            }
            pipeline.BeginInvoke<object>(null);
        }

        /// <summary>A worker's pipeline was stopped (its job timed out): a fresh one takes its place.</summary>
        internal void WorkerStopped(ResponderWorker worker)
        {
            lock (_workers)
            {
                if (!_workers.Remove(worker)) return;
            }
            try { worker.Pipeline.Dispose(); } catch (Exception) { }
            if (Volatile.Read(ref _disposed) == 0)
            {
                try { StartWorker(); } catch (Exception) { /* the pool is closing */ }
            }
        }

        public override void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _stopping.Cancel();
            _jobs.CompleteAdding();
            while (_jobs.TryTake(out var waiting)) waiting.Cancel();
            ResponderWorker[] workers;
            lock (_workers)
            {
                workers = _workers.ToArray();
                _workers.Clear();
            }
            // Every worker pipeline is stopped (a running scriptblock too) before its runspace closes.
            var stops = new List<Task>();
            foreach (var worker in workers)
            {
                var pipeline = worker.Pipeline;
                stops.Add(Task.Factory.FromAsync(pipeline.BeginStop(null, null), pipeline.EndStop));
            }
            try { Task.WaitAll(stops.ToArray(), StopWaitMs); }
            catch (AggregateException) { /* a pipeline that failed to stop is disposed below all the same */ }
            foreach (var worker in workers)
            {
                try { worker.Pipeline.Dispose(); } catch (Exception) { }
            }
            _pool.Dispose();
            _stopping.Dispose();
        }
    }
}

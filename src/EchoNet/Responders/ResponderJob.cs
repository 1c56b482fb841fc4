using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Server;

namespace EchoNet.Responders
{
    /// <summary>
    /// One request (or greeting) on its way through the runspace pool: a worker takes it, runs the
    /// scriptblock and completes it with what was written, or fails it with the error. Cancelled
    /// (timeout, stop) before a worker takes it, it is skipped; while one runs it, that worker's
    /// pipeline is stopped.
    /// </summary>
    public sealed class ResponderJob
    {
        private readonly TaskCompletionSource<byte[]> _answer = new TaskCompletionSource<byte[]>();
        private readonly ReplyEncoder _encoder;
        private CancellationTokenRegistration _cancellation;
        private ResponderWorker _worker;

        internal ResponderJob(object argument, bool isGreeting, ReplyEncoder encoder)
        {
            Argument = argument;
            IsGreeting = isGreeting;
            _encoder = encoder;
        }

        /// <summary>The <see cref="EchoRequest"/>, or for a greeting the <see cref="EchoRequestConnection"/>.</summary>
        public object Argument { get; }

        public bool IsGreeting { get; }

        internal Task<byte[]> Answer => _answer.Task;

        internal void CancelWith(CancellationToken cancel)
        {
            if (cancel.CanBeCanceled) _cancellation = cancel.Register(job => ((ResponderJob)job).Cancel(), this);
        }

        /// <summary>A worker takes the job; false when it was cancelled already (skip it).</summary>
        internal bool TakenBy(ResponderWorker worker)
        {
            Volatile.Write(ref _worker, worker);
            return !_answer.Task.IsCompleted;
        }

        /// <summary>What the scriptblock wrote (called by the worker script).</summary>
        public void Complete(object[] output)
        {
            _cancellation.Dispose();
            byte[] reply;
            try { reply = _encoder.Encode(output, Argument as EchoRequest); }
            catch (Exception e)
            {
                _answer.TrySetException(e);
                return;
            }
            _answer.TrySetResult(reply);
        }

        /// <summary>The scriptblock threw (called by the worker script).</summary>
        public void Fail(ErrorRecord error)
        {
            _cancellation.Dispose();
            string where = error.InvocationInfo != null && error.InvocationInfo.ScriptLineNumber > 0
                ? $" (line {error.InvocationInfo.ScriptLineNumber})" : string.Empty;
            _answer.TrySetException(new RuntimeException(error.Exception.Message + where, error.Exception));
        }

        internal void Fail(string message) => _answer.TrySetException(new InvalidOperationException(message));

        internal void Cancel()
        {
            if (!_answer.TrySetCanceled()) return;
            Volatile.Read(ref _worker)?.Abort(this);
        }
    }
}

using System;
using System.Management.Automation;
using System.Threading;

namespace EchoNet.Responders
{
    /// <summary>
    /// One long-running pipeline on a runspace of the pool: the worker script loops taking jobs
    /// (<see cref="Take"/>) and running the scriptblocks in its own runspace, so a request costs a
    /// scriptblock call, not a new pipeline. A job cancelled while it runs stops this pipeline
    /// (<see cref="Abort"/>); the owner then starts a fresh worker in its place.
    /// </summary>
    public sealed class ResponderWorker
    {
        /// <summary>The loop each worker runs; the scriptblocks are rebuilt in its runspace (no session-state affinity crosses).</summary>
        internal const string Script = @"
param($Worker, [string] $ResponderText, [string] $GreetingText, [string] $InitializationText, [object[]] $ArgumentList)
$ErrorActionPreference = 'Stop'
if ($null -eq $ArgumentList) { $ArgumentList = @() }
$__initializationError = $null
if ($InitializationText) {
    try { . ([scriptblock]::Create($InitializationText)) } catch { $__initializationError = $_ }
}
$__responder = [scriptblock]::Create($ResponderText)
$__greeter = if ($GreetingText) { [scriptblock]::Create($GreetingText) }
while ($null -ne ($__job = $Worker.Take())) {
    if ($__initializationError) { $__job.Fail($__initializationError); continue }
    try {
        # Also as variables, so { $Request.Text } works without a param() block.
        if ($__job.IsGreeting) { $Connection = $__job.Argument; $__job.Complete(@(& $__greeter $Connection @ArgumentList)) }
        else { $Request = $__job.Argument; $__job.Complete(@(& $__responder $Request @ArgumentList)) }
    }
    catch { $__job.Fail($_) }
}
";

        private readonly ScriptResponder _owner;
        private ResponderJob _current;

        internal ResponderWorker(ScriptResponder owner)
        {
            _owner = owner;
        }

        internal PowerShell Pipeline { get; set; }

        /// <summary>The next job to run, waiting for one; null when the server stops (called by the worker script).</summary>
        public ResponderJob Take()
        {
            Volatile.Write(ref _current, null);
            while (true)
            {
                var job = _owner.NextJob();
                if (job == null) return null;
                Volatile.Write(ref _current, job);
                if (job.TakenBy(this)) return job;
            }
        }

        /// <summary>Stops this worker's pipeline if it still runs <paramref name="job"/> (from a timeout or a stop).</summary>
        internal void Abort(ResponderJob job)
        {
            if (Volatile.Read(ref _current) != job) return;
            var pipeline = Pipeline;
            try { pipeline?.BeginStop(_ => _owner.WorkerStopped(this), null); }
            catch (Exception e) when (e is ObjectDisposedException || e is InvalidOperationException) { }
        }
    }
}

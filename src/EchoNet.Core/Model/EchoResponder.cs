using System;
using System.Threading;
using System.Threading.Tasks;

namespace EchoNet.Server
{
    /// <summary>
    /// What answers a responder server's requests (<c>Start-EchoServer -Responder</c>): the core
    /// frames requests and calls it; the cmdlet assembly supplies the PowerShell one (scriptblocks
    /// in runspaces the server owns). Answers may complete later, on any thread; one connection's
    /// requests are asked one at a time, in order, so a connection's state needs no lock.
    /// </summary>
    public abstract class EchoResponder : IDisposable
    {
        /// <summary>
        /// The reply bytes for one request (null or empty: no reply). A faulted task is a failed
        /// request (an Error event, counted); <paramref name="cancel"/> fires when the request
        /// ran past the timeout or the server stops.
        /// </summary>
        public abstract Task<byte[]> RespondAsync(EchoRequest request, CancellationToken cancel);

        /// <summary>True when new TCP connections are greeted (<see cref="GreetAsync"/>).</summary>
        public virtual bool Greets => false;

        /// <summary>The bytes a new TCP connection gets before anything else (null: none).</summary>
        public virtual Task<byte[]> GreetAsync(EchoRequestConnection connection, CancellationToken cancel) =>
            Task.FromResult<byte[]>(null);

        /// <summary>Called once when the server stops, after its connections closed: stop what runs, free everything.</summary>
        public abstract void Dispose();
    }
}

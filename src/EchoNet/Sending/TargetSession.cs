using System;
using System.Collections.Generic;

namespace EchoNet.Sending
{
    /// <summary>
    /// One host × port that a send cmdlet talks to. It turns each payload into result objects or
    /// ErrorRecords and never writes to the pipeline itself, so it can run on a worker thread;
    /// the cmdlet writes what it yields, on the pipeline thread.
    /// </summary>
    public abstract class TargetSession : IDisposable
    {
        protected TargetSession(string computerName, int port)
        {
            ComputerName = computerName;
            Port = port;
        }

        public string ComputerName { get; }
        public int Port { get; }

        /// <summary>Sends one payload; <paramref name="text"/> is null for -Bytes.</summary>
        public abstract IEnumerable<object> Send(string text, byte[] payload);

        public abstract void Dispose();
    }
}

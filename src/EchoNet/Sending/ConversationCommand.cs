using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using EchoNet.Addressing;
using EchoNet.Client;
using EchoNet.ErrorRecords;
using EchoNet.Streams;

namespace EchoNet.Sending
{
    /// <summary>
    /// What every client cmdlet shares: Ctrl+C (a token source canceled in StopProcessing and
    /// disposed with the command), whether -Verbose asks for trace, and writing the core's
    /// reports as output, errors and verbose lines, on the pipeline thread.
    /// </summary>
    public abstract class ConversationCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>Canceled by Ctrl+C; every blocking wait takes it.</summary>
        protected CancellationToken Cancel => _cancel.Token;

        /// <summary>True when -Verbose (or $VerbosePreference) asks for trace lines; read in BeginProcessing.</summary>
        protected bool Tracing { get; private set; }

        protected override void BeginProcessing() => Tracing = VerboseStream.IsEnabled(this);

        protected override void StopProcessing()
        {
            try { _cancel.Cancel(); }
            catch (ObjectDisposedException) { } // the command had already ended
        }

        public virtual void Dispose() => _cancel.Dispose();

        protected void WriteReports(IEnumerable<ClientReport> reports)
        {
            foreach (var report in reports) WriteReport(report);
        }

        protected void WriteReport(ClientReport report)
        {
            if (report.Result != null) WriteObject(report.Result);
            else if (report.Error != null) WriteError(NetErrors.ToErrorRecord(report.Error, report.Subject));
            else if (report.Trace != null) WriteVerbose(report.Trace);
        }

        protected void WriteTrace(ClientTrace trace)
        {
            if (trace == null) return;
            foreach (var line in trace.Drain()) WriteVerbose(line);
        }

        /// <summary>
        /// Opens a session to <paramref name="computerName"/> ("host:port" when no port is given),
        /// writing a failure as a non-terminating error naming host and port; null then.
        /// </summary>
        protected TcpSession OpenSession(string computerName, int? port, int timeoutMs, TlsClientOptions tls, System.Text.Encoding encoding)
        {
            string host = computerName;
            if (port == null && HostPort.TryParse(computerName, out var parsedHost, out var parsedPort))
            {
                host = parsedHost;
                port = parsedPort;
            }
            else if (port == null)
            {
                WriteError(NetErrors.InvalidArgument("PortMissing",
                    $"No port for '{computerName}': give -Port, or write it as 'host:port' ('[::1]:port' for IPv6).", computerName));
                return null;
            }
            var target = HostPort.Format(host, port.Value);
            var trace = Tracing ? new ClientTrace() : null;
            try
            {
                var session = TcpSession.Connect(host, port.Value, timeoutMs, tls, encoding, trace, Cancel);
                WriteTrace(trace);
                return session;
            }
            catch (EchoNet.Errors.NetException e)
            {
                WriteTrace(trace);
                if (e.Kind != EchoNet.Errors.NetErrorKind.Canceled) WriteError(NetErrors.ToErrorRecord(e.Naming(target), target));
                return null;
            }
        }

    }
}

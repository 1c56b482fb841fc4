using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using EchoNet.Client;
using EchoNet.ErrorRecords;
using EchoNet.Streams;

namespace EchoNet.Planning
{
    /// <summary>
    /// What every client cmdlet shares, and nothing it must fill in: Ctrl+C (a token source
    /// canceled in StopProcessing and disposed with the command), whether -Verbose asks for trace,
    /// the one way parameters become targets and TLS options, and writing the core's reports as
    /// output, errors and verbose lines, on the pipeline thread.
    /// </summary>
    public abstract class ClientCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly List<TargetMistake> _mistakes = new List<TargetMistake>();

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

        /// <summary>
        /// -ComputerName × -Port through the core's one resolver; a non-terminating error (PortMissing,
        /// PortGivenTwice, PortOutOfRange) for each name that gives no usable target.
        /// </summary>
        protected IReadOnlyList<ClientTarget> ResolveTargets(string[] computerNames, int[] ports)
        {
            _mistakes.Clear();
            var targets = ClientTargets.Resolve(computerNames, ports, _mistakes);
            foreach (var mistake in _mistakes) WriteError(NetErrors.InvalidArgument(mistake.Id, mistake.Message, mistake.ComputerName));
            return targets;
        }

        /// <summary>-UseTls, -ServerName, -SkipCertificateCheck through the core's one builder; warns when the last two are given alone.</summary>
        protected TlsClientOptions TlsOptions(bool useTls, string serverName, bool skipCertificateCheck)
        {
            var tls = TlsClientOptions.From(useTls, serverName, skipCertificateCheck, out var ignored);
            if (ignored != null) WriteWarning(ignored);
            return tls;
        }

        protected void WriteReports(IEnumerable<ClientReport> reports)
        {
            foreach (var report in reports) WriteReport(report);
        }

        /// <summary>The trace lines a core runner gathered (null when -Verbose is off), as verbose lines.</summary>
        protected void WriteTrace(ClientTrace trace)
        {
            if (trace == null) return;
            foreach (var line in trace.Drain()) WriteVerbose(line);
        }

        protected void WriteReport(ClientReport report)
        {
            if (report.Result != null) WriteObject(report.Result);
            else if (report.Error != null) WriteError(NetErrors.ToErrorRecord(report.Error, report.Subject));
            else if (report.Trace != null) WriteVerbose(report.Trace);
            else if (report.Warning != null) WriteWarning(report.Warning);
        }
    }
}

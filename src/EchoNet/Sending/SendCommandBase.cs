using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.ErrorRecords;
using EchoNet.Text;

namespace EchoNet.Sending
{
    /// <summary>
    /// The parameters Send-TcpMessage and Send-UdpDatagram share (targets, payload, encoding,
    /// timeout, throttle) and their one way of running: the core's conversations do the talking;
    /// this class turns parameters into payloads and the core's reports into output, errors,
    /// verbose lines and progress, all on the pipeline thread.
    /// One target streams: each record is sent as it arrives. Several targets: the records are
    /// gathered, then the core's fan-out gives each target all of them in order.
    /// </summary>
    public abstract class SendCommandBase : PSCmdlet, IDisposable
    {
        protected const string TextSet = "Text";
        protected const string BytesSet = "Bytes";

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly List<ClientPayload> _gathered = new List<ClientPayload>();
        private ConversationOpener _open;
        private ITargetConversation _single;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = { "localhost" };

        [Parameter(Position = 1, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int[] Port { get; set; }

        [Parameter(ParameterSetName = TextSet, Position = 2, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowNull]
        public string[] Message { get; set; }

        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [AllowEmptyCollection]
        public byte[] Bytes { get; set; }

        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Default;

        /// <summary>Milliseconds that bound each wait: connect, send and reply.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [Alias("TimeoutMs")]
        public int Timeout { get; set; } = 5000;

        /// <summary>Targets worked on at once when there are several.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 32;

        private bool SeveralTargets => ComputerName.Length * Port.Length > 1;

        /// <summary>
        /// Called once, on the pipeline thread, before the first record: checks the parameters
        /// and returns how the core opens a conversation with one target. Everything the opener
        /// needs is read here, so workers never touch the cmdlet.
        /// </summary>
        protected abstract ConversationOpener CreateOpener();

        protected override void BeginProcessing() => _open = CreateOpener();

        protected override void ProcessRecord()
        {
            foreach (var payload in Payloads())
            {
                if (_cancel.IsCancellationRequested) return;
                if (SeveralTargets) _gathered.Add(payload);
                else WriteReports(SingleConversation().Send(payload));
            }
        }

        /// <summary>The one target's conversation; a new one when -ComputerName or -Port came by property name and changed.</summary>
        private ITargetConversation SingleConversation()
        {
            if (_single != null && (_single.ComputerName != ComputerName[0] || _single.Port != Port[0]))
            {
                _single.Dispose();
                _single = null;
            }
            return _single ?? (_single = _open(new ClientTarget(ComputerName[0], Port[0]), _cancel.Token));
        }

        protected override void EndProcessing()
        {
            _single?.Dispose();
            _single = null;
            if (SeveralTargets) RunTargetsInParallel();
        }

        protected override void StopProcessing()
        {
            try { _cancel.Cancel(); }
            catch (ObjectDisposedException) { } // the command had already ended
        }

        public void Dispose()
        {
            _single?.Dispose();
            _cancel.Dispose();
        }

        private IEnumerable<ClientPayload> Payloads()
        {
            if (ParameterSetName == BytesSet)
            {
                yield return new ClientPayload(null, Bytes);
                yield break;
            }
            // No -Message at all: one empty message, so the target is still contacted and reported.
            foreach (var text in Message ?? new[] { string.Empty })
                yield return new ClientPayload(text ?? string.Empty, Encoding.GetBytes(text ?? string.Empty));
        }

        private void WriteReports(IEnumerable<ClientReport> reports)
        {
            foreach (var report in reports) WriteReport(report);
        }

        private void WriteReport(ClientReport report)
        {
            if (report.Result != null) WriteObject(report.Result);
            else if (report.Error != null) WriteError(NetErrors.ToErrorRecord(report.Error, report.Subject));
            else if (report.Trace != null) WriteVerbose(report.Trace);
        }

        private void RunTargetsInParallel()
        {
            var targets = ComputerName.SelectMany(host => Port.Select(port => new ClientTarget(host, port))).ToList();
            var fanOut = new TargetFanOut(targets, _gathered, _open, ThrottleLimit);
            var progress = new ProgressRecord(1, MyInvocation.MyCommand.Name, "Contacting targets");
            foreach (var report in fanOut.Reports(_cancel.Token))
            {
                WriteReport(report);
                int finished = fanOut.TargetsDone;
                progress.StatusDescription = $"{finished} of {fanOut.TargetCount} targets done";
                progress.PercentComplete = 100 * finished / fanOut.TargetCount;
                WriteProgress(progress);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using EchoNet.Addressing;
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
    /// this class turns parameters into targets and payloads, and the core's reports into
    /// output, errors, verbose lines and progress, all on the pipeline thread.
    /// One target streams: each record is sent as it arrives. Several targets: the records are
    /// gathered, then the core's fan-out gives each target all of them in order.
    /// </summary>
    public abstract class SendCommandBase : ConversationCommand
    {
        protected const string TextSet = "Text";
        protected const string BytesSet = "Bytes";

        private readonly List<ClientPayload> _gathered = new List<ClientPayload>();
        private List<ClientTarget> _gatheredTargets;
        private ConversationOpener _open;
        private ITargetConversation _single;
        private ClientTarget _singleTarget;

        /// <summary>Host names or addresses; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(ParameterSetName = TextSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = { "localhost" };

        [Parameter(ParameterSetName = TextSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        [ArgumentCompleter(typeof(ServerPortCompleter))]
        public int[] Port { get; set; }

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
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = BytesSet)]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>The text messages; null when none was given.</summary>
        protected abstract string[] Messages { get; }

        /// <summary>The raw payload when the Bytes parameter set is used.</summary>
        protected abstract byte[] RawBytes { get; }

        /// <summary>True when the Bytes (or a bytes-like) parameter set is used.</summary>
        protected abstract bool SendsBytes { get; }

        /// <summary>The one target that a session-bound command talks to, or null to use -ComputerName and -Port.</summary>
        protected virtual ClientTarget? FixedTarget => null;

        /// <summary>The encoding that turns text messages into bytes.</summary>
        protected virtual Encoding PayloadEncoding => Encoding;

        /// <summary>
        /// Called once, on the pipeline thread, before the first record: checks the parameters
        /// and returns how the core opens a conversation with one target. Everything the opener
        /// needs is read here, so workers never touch the cmdlet.
        /// </summary>
        protected abstract ConversationOpener CreateOpener();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _open = CreateOpener();
        }

        protected override void ProcessRecord()
        {
            var targets = Targets();
            if (targets.Count == 0) return;
            foreach (var payload in Payloads())
            {
                if (Cancel.IsCancellationRequested) return;
                if (targets.Count > 1)
                {
                    _gathered.Add(payload);
                    _gatheredTargets = targets;
                }
                else WriteReports(SingleConversation(targets[0]).Send(payload));
            }
        }

        /// <summary>The one target's conversation; a new one when the target changed (values bound by property name).</summary>
        private ITargetConversation SingleConversation(ClientTarget target)
        {
            if (_single != null && (_singleTarget.ComputerName != target.ComputerName || _singleTarget.Port != target.Port))
                EndSingle();
            _singleTarget = target;
            return _single ?? (_single = _open(target, Cancel));
        }

        private void EndSingle()
        {
            if (_single == null) return;
            var ending = _single;
            _single = null;
            try { WriteReports(ending.Close()); }
            finally { ending.Dispose(); }
        }

        protected override void EndProcessing()
        {
            EndSingle();
            if (_gatheredTargets != null) RunTargetsInParallel(_gatheredTargets);
        }

        public override void Dispose()
        {
            _single?.Dispose();
            base.Dispose();
        }

        /// <summary>-ComputerName × -Port, or the ports written into -ComputerName; an error for each that names no usable port.</summary>
        private List<ClientTarget> Targets()
        {
            var targets = new List<ClientTarget>();
            if (FixedTarget != null)
            {
                targets.Add(FixedTarget.Value);
                return targets;
            }
            foreach (var name in ComputerName)
            {
                if (HostPort.TryParse(name, out var host, out var port))
                {
                    if (Port != null)
                        WriteError(NetErrors.InvalidArgument("PortGivenTwice",
                            $"'{name}' names a port and -Port is given too; use one of them.", name));
                    else if (port < 1 || port > 65535)
                        WriteError(NetErrors.InvalidArgument("PortOutOfRange", $"The port in '{name}' is outside 1-65535.", name));
                    else targets.Add(new ClientTarget(host, port));
                }
                else if (Port == null)
                {
                    WriteError(NetErrors.InvalidArgument("PortMissing",
                        $"No port for '{name}': give -Port, or write it as 'host:port' ('[::1]:port' for IPv6).", name));
                }
                else targets.AddRange(Port.Select(p => new ClientTarget(name, p)));
            }
            return targets;
        }

        private IEnumerable<ClientPayload> Payloads()
        {
            if (SendsBytes)
            {
                yield return new ClientPayload(null, RawBytes);
                yield break;
            }
            // No message at all: listen for what the peer says first, so the target is still contacted and reported.
            if (Messages == null && !MyInvocation.ExpectingInput)
            {
                yield return ClientPayload.None;
                yield break;
            }
            foreach (var text in Messages ?? new[] { string.Empty })
                yield return new ClientPayload(text ?? string.Empty, PayloadEncoding.GetBytes(text ?? string.Empty));
        }

        private void RunTargetsInParallel(List<ClientTarget> targets)
        {
            var fanOut = new TargetFanOut(targets, _gathered, _open, ThrottleLimit);
            var progress = new ProgressRecord(1, MyInvocation.MyCommand.Name, "Contacting targets");
            foreach (var report in fanOut.Reports(Cancel))
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

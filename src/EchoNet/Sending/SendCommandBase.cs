using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using EchoNet.Binding;
using EchoNet.Completion;
using EchoNet.Text;

namespace EchoNet.Sending
{
    /// <summary>
    /// What Send-TcpMessage and Send-UdpDatagram share: targets (every -ComputerName × -Port),
    /// the payload as text or bytes, the encoding, the timeout, parallel fan-out and Ctrl+C.
    /// One target streams: each record is sent as it arrives. Several targets: the records are
    /// gathered, then each target gets all of them in order, up to -ThrottleLimit targets at once,
    /// with progress.
    /// </summary>
    public abstract class SendCommandBase : PSCmdlet
    {
        protected const string TextSet = "Text";
        protected const string BytesSet = "Bytes";

        private readonly List<KeyValuePair<string, byte[]>> _gathered = new List<KeyValuePair<string, byte[]>>();
        private TargetSession _single;

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

        /// <summary>Canceled by Ctrl+C; every blocking wait takes it.</summary>
        protected CancellationTokenSource Cancel { get; } = new CancellationTokenSource();

        private bool SeveralTargets => ComputerName.Length * Port.Length > 1;

        /// <summary>Opens the session for one target; connecting may wait until its first Send.</summary>
        protected abstract TargetSession OpenSession(string computerName, int port);

        protected override void ProcessRecord()
        {
            foreach (var payload in Payloads())
            {
                if (Cancel.IsCancellationRequested) return;
                if (SeveralTargets) _gathered.Add(payload);
                else Emit(SingleSession().Send(payload.Key, payload.Value));
            }
        }

        /// <summary>The one target's session; a new one when -ComputerName or -Port came by property name and changed.</summary>
        private TargetSession SingleSession()
        {
            if (_single != null && (_single.ComputerName != ComputerName[0] || _single.Port != Port[0]))
            {
                _single.Dispose();
                _single = null;
            }
            return _single ?? (_single = OpenSession(ComputerName[0], Port[0]));
        }

        protected override void EndProcessing()
        {
            _single?.Dispose();
            if (SeveralTargets) RunTargetsInParallel();
        }

        protected override void StopProcessing() => Cancel.Cancel();

        private IEnumerable<KeyValuePair<string, byte[]>> Payloads()
        {
            if (ParameterSetName == BytesSet)
            {
                yield return new KeyValuePair<string, byte[]>(null, Bytes ?? new byte[0]);
                yield break;
            }
            // No -Message at all: one empty message, so the target is still contacted and reported.
            foreach (var text in Message ?? new[] { string.Empty })
                yield return new KeyValuePair<string, byte[]>(text ?? string.Empty, Encoding.GetBytes(text ?? string.Empty));
        }

        private void Emit(IEnumerable<object> outputs)
        {
            foreach (var output in outputs)
            {
                if (output is ErrorRecord error) WriteError(error);
                else WriteObject(output);
            }
        }

        /// <summary>Workers fill a queue; this (the pipeline) thread writes results and progress.</summary>
        private void RunTargetsInParallel()
        {
            var targets = ComputerName.SelectMany(host => Port.Select(port => new { host, port })).ToList();
            using (var outputs = new BlockingCollection<object>())
            {
                int done = 0;
                var work = Task.Run(() =>
                {
                    try
                    {
                        Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit }, target =>
                        {
                            using (var session = OpenSession(target.host, target.port))
                            {
                                foreach (var payload in _gathered)
                                {
                                    if (Cancel.IsCancellationRequested) break;
                                    foreach (var output in session.Send(payload.Key, payload.Value)) outputs.Add(output);
                                }
                            }
                            Interlocked.Increment(ref done);
                        });
                    }
                    finally { outputs.CompleteAdding(); }
                });

                var progress = new ProgressRecord(1, MyInvocation.MyCommand.Name, "Contacting targets");
                foreach (var output in outputs.GetConsumingEnumerable())
                {
                    if (output is ErrorRecord error) WriteError(error);
                    else WriteObject(output);
                    int finished = Volatile.Read(ref done);
                    progress.StatusDescription = $"{finished} of {targets.Count} targets done";
                    progress.PercentComplete = 100 * finished / targets.Count;
                    WriteProgress(progress);
                }
                work.Wait();
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }
}

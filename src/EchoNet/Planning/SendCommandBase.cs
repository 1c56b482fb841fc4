using System.Management.Automation;
using System.Text;
using EchoNet.Binding;
using EchoNet.Client;
using EchoNet.Completion;
using EchoNet.Text;

namespace EchoNet.Planning
{
    /// <summary>
    /// The parameters Send-TcpMessage and Send-UdpDatagram share (targets, encoding, timeout,
    /// throttle) and their one way of running a plan: each cmdlet builds its <see cref="ClientPlan"/>
    /// in BeginProcessing and gives it to <see cref="Start"/>; every record's messages go to the
    /// core's <see cref="ClientRunner"/> with the record's targets; the runner's reports are
    /// written here, progress too while several targets run. No hooks: the cmdlets call this, never the reverse.
    /// </summary>
    public abstract class SendCommandBase : ClientCommand
    {
        protected const string TextSet = "Text";
        protected const string BytesSet = "Bytes";

        private ClientRunner _runner;
        private bool _overSession;

        /// <summary>Host names or addresses; "host:port" or "[v6]:port" when -Port is not given.</summary>
        [Parameter(ParameterSetName = TextSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Cn", "HostName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComputerNameCompleter))]
        public string[] ComputerName { get; set; } = { "localhost" };

        [Parameter(ParameterSetName = TextSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = BytesSet, Position = 1, ValueFromPipelineByPropertyName = true)]
        [PortListTransformation]
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

        /// <summary>The text payloads of this command: no message and no pipeline input listens for what the peer says first.</summary>
        protected ClientPayloads TextPayloads(string[] messages, Encoding encoding)
            => ClientPayloads.Text(encoding, messages == null && !MyInvocation.ExpectingInput);

        /// <summary>Called once from BeginProcessing with the plan the records are run by.</summary>
        protected void Start(ClientPlan plan)
        {
            _runner = new ClientRunner(plan, Cancel);
            _overSession = plan.Session != null;
        }

        /// <summary>One record: its messages to its targets (-ComputerName and -Port may come by property name), or to the plan's session.</summary>
        protected void Run(string[] messages)
        {
            var targets = _overSession ? null : ResolveTargets(ComputerName, Port);
            WriteReports(_runner.Send(targets, messages));
        }

        protected override void EndProcessing()
        {
            ProgressRecord progress = null;
            foreach (var report in _runner.Finish())
            {
                WriteReport(report);
                if (_runner.TargetCount == 0) continue;
                progress = progress ?? new ProgressRecord(1, MyInvocation.MyCommand.Name, "Contacting targets");
                int finished = _runner.TargetsDone;
                progress.StatusDescription = $"{finished} of {_runner.TargetCount} targets done";
                progress.PercentComplete = 100 * finished / _runner.TargetCount;
                WriteProgress(progress);
            }
            if (progress == null) return;
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        public override void Dispose()
        {
            _runner?.Dispose();
            base.Dispose();
        }
    }
}

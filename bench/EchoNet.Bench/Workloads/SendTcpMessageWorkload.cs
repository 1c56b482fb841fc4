using System.Linq;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 9: <c>Send-TcpMessage</c>, 1000 messages piped over one connection, to the EchoNet
    /// server and to the baseline in interleaved rounds (bench/SendTcpMessage.ps1); every reply checked.
    /// </summary>
    internal class SendTcpMessageWorkload : Workload
    {
        public override int Id => 9;
        public override int RunOrder => 100;

        /// <summary>Row name and the script's extra arguments; workload 11 sends over a session instead.</summary>
        protected virtual string Name => "Send-TcpMessage, 1000 msgs, 1 conn";
        protected virtual string[] ExtraArguments => new string[0];

        public override Task RunAsync(BenchContext bench)
        {
            string name = Name;
            BenchContext.Step($"workload {Id}: " + name);
            var row = new WorkloadResult { Id = Id, Name = name, Metric = "msgs/s", EchoNetLabel = "→ EchoNet srv", BaselineLabel = "→ baseline srv" };
            var arguments = new[] { "-Port", $"{bench.EchoNet.TcpPort},{bench.Baseline.TcpPort}", "-Count", "1000", "-Rounds", bench.Settings.SendRounds.ToString() }
                .Concat(ExtraArguments).ToArray();
            var json = bench.RunPwsh("SendTcpMessage.ps1", bench.ClientCore, arguments);
            if (json == null) row.Skipped = "the Send-TcpMessage script failed";
            else
            {
                var rates = json.RootElement.GetProperty("rates");
                var errors = json.RootElement.GetProperty("errors");
                row.EchoNet = Stats.Median(rates.GetProperty(bench.EchoNet.TcpPort.ToString()).EnumerateArray().Select(x => x.GetDouble()));
                row.Baseline = Stats.Median(rates.GetProperty(bench.Baseline.TcpPort.ToString()).EnumerateArray().Select(x => x.GetDouble()));
                row.Ratio = Stats.Ratio(row.EchoNet, row.Baseline);
                long eErr = errors.GetProperty(bench.EchoNet.TcpPort.ToString()).GetInt64();
                long bErr = errors.GetProperty(bench.Baseline.TcpPort.ToString()).GetInt64();
                row.Extra["echoNetServerErrors"] = eErr;
                row.Extra["baselineServerErrors"] = bErr;
                row.Targets.Add(new Target { Text = "≥ 5,000 msgs/s", Met = row.EchoNet >= 5000 });
                row.Targets.Add(new Target { Text = "zero errors", Met = eErr + bErr == 0 });
                BenchContext.Step($"  {row.EchoNet:0} msgs/s to the EchoNet server, {row.Baseline:0} msgs/s to the baseline; errors {eErr}/{bErr}");
            }
            bench.Results.Add(row);
            return Task.CompletedTask;
        }
    }
}

using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 15: 50 TCP connections ping-pong 64 B lines against an EchoNet server started with
    /// -Responder { $Request.Text } (a PowerShell scriptblock per request, in the server's runspace
    /// pool), beside one started with -ReplyFormat '{0}' -Terminator "`n" (the same reply without
    /// PowerShell), interleaved in the same run: requests per second and the server's CPU per request,
    /// that is what the runspace hop and the scriptblock call cost.
    /// </summary>
    internal sealed class TcpResponderWorkload : Workload
    {
        private const string Name = "TCP 50 conns × 64 B lines: -Responder { $Request.Text } / -ReplyFormat (both EchoNet)";
        private const int Connections = 50;

        public override int Id => 15;
        public override int RunOrder => 26;
        public override Servers Needs => Servers.None;

        public override async Task RunAsync(BenchContext bench)
        {
            BenchContext.Step($"workload {Id}: {Name}");
            ServerProcess responder = null, format = null;
            try
            {
                try
                {
                    responder = bench.StartEchoNet("-Responder");
                    format = bench.StartEchoNet("-LineFormat");
                }
                catch (System.TimeoutException e)
                {
                    BenchContext.Step("  skipped: " + e.Message);
                    return;
                }
                using var r = new TcpPingPong(responder.TcpPort, Payload.LineSize, lines: true);
                using var f = new TcpPingPong(format.TcpPort, Payload.LineSize, lines: true);
                long failR = await r.ConnectAllAsync(Connections);
                long failF = await f.ConnectAllAsync(Connections);
                var (sr, sf) = await bench.Compare(r, responder, f, format);
                sr.Errors += failR;
                sf.Errors += failF;
                var row = bench.Row(Id, Name, "requests/s", sr, sf, s => s.MessagesPerSecond);
                BenchContext.NoteErrors(row, r.FirstError(), f.FirstError());
                row.Targets.Add(new Target { Text = "≥ 10,000 requests/s with -Responder", Met = sr.MessagesPerSecond >= 10000 });
                row.Targets.Add(new Target { Text = "zero errors", Met = sr.Errors == 0 && sf.Errors == 0 });
                BenchContext.Step($"  -Responder {row.EchoNet:0.#} vs -ReplyFormat {row.Baseline:0.#} requests/s (ratio {row.Ratio:0.00}), CPU/request {sr.ServerCpuUsPerMessage:0.00} vs {sf.ServerCpuUsPerMessage:0.00} µs, errors {sr.Errors}/{sf.Errors}");
            }
            finally
            {
                if (responder != null) Children.Release(responder);
                if (format != null) Children.Release(format);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace EchoNet.Bench
{
    /// <summary>
    /// Workload 10, the soak of issue 6: 1,000 connections ping-pong against EchoNet alone for
    /// 60 s, every byte verified; zero errors expected. Reports messages, bytes, errors, latency,
    /// the server's CPU and memory at the start and at the end (first and last 5-second slices).
    /// In the full run, not in <c>-Quick</c>; <c>-Workload Soak</c> runs it alone.
    /// </summary>
    internal sealed class SoakWorkload : Workload
    {
        public const int Number = 10;
        public override int Id => Number;
        public override string Alias => "Soak";
        public override int RunOrder => 80;
        public override Servers Needs => Servers.EchoNet;
        public override bool InQuickPass => false;

        public override async Task RunAsync(BenchContext bench)
        {
            int n = bench.Settings.SoakConnections;
            int size = bench.Settings.SoakMessageBytes;
            var name = $"Soak: {n:N0} conns × {bench.Settings.SoakDuration.TotalSeconds:0} s, {size} B (EchoNet only)";
            BenchContext.Step($"workload 10: {name}");
            using var clients = new TcpPingPong(bench.EchoNet.TcpPort, size);
            long errors = await clients.ConnectAllAsync(n);
            errors += (await clients.RunAsync(TimeSpan.FromSeconds(2), bench.EchoNet, bench.Latency)).Errors; // warm-up
            // Memory() blocks on the server's reply: never on the generator's socket thread, where an
            // inline socket completion may have resumed us (the reply arrives through that thread too).
            var memStart = await Task.Run(bench.EchoNet.Memory);
            var slices = new List<SoakSlice>();
            var round = await clients.RunAsync(bench.Settings.SoakDuration, bench.EchoNet, bench.Latency, TimeSpan.FromSeconds(5), slices);
            errors += round.Errors;
            int open = clients.Open;
            var memEnd = await Task.Run(bench.EchoNet.Memory);
            var detail = Summary.Of(new List<Round> { round });
            detail.Errors = errors;
            var row = new WorkloadResult { Id = Id, Name = name, Metric = "msgs/s", EchoNet = round.MessagesPerSecond, EchoNetDetail = detail };
            var first = slices.Count > 0 ? slices[0] : null;
            var last = slices.Count > 0 ? slices[slices.Count - 1] : null;
            row.Extra["messages"] = round.Messages;
            row.Extra["bytesEchoed"] = round.Messages * (double)size;
            row.Extra["connectionsOpenAtEnd"] = open;
            row.Extra["serverCpuPercent"] = round.ServerCpuPercent;
            row.Extra["serverCpuPercentFirst5s"] = first?.ServerCpuPercent ?? double.NaN;
            row.Extra["serverCpuPercentLast5s"] = last?.ServerCpuPercent ?? double.NaN;
            row.Extra["messagesPerSecondFirst5s"] = first?.MessagesPerSecond ?? double.NaN;
            row.Extra["messagesPerSecondLast5s"] = last?.MessagesPerSecond ?? double.NaN;
            row.Extra["workingSetBytesStart"] = memStart.WorkingSet;
            row.Extra["workingSetBytesEnd"] = memEnd.WorkingSet;
            row.Extra["managedHeapBytesStart"] = memStart.Heap;
            row.Extra["managedHeapBytesEnd"] = memEnd.Heap;
            row.Note = $"{round.Messages:N0} messages, {round.Messages * (double)size / 1e6:N0} MB echoed and verified, {errors} errors, {open:N0} of {n:N0} connections open at the end; "
                + $"latency p50/p99/max {round.P50Us:N0} / {round.P99Us:N0} / {round.MaxUs:N0} µs; "
                + $"server CPU {round.ServerCpuPercent:0}% of a core ({round.ServerCpuUsPerMessage:0.00} µs/msg), first 5 s {first?.ServerCpuPercent:0}% at {first?.MessagesPerSecond:N0} msgs/s, last 5 s {last?.ServerCpuPercent:0}% at {last?.MessagesPerSecond:N0} msgs/s; "
                + $"server memory start → end: working set {memStart.WorkingSet / 1048576.0:0.0} → {memEnd.WorkingSet / 1048576.0:0.0} MiB, managed heap {memStart.Heap / 1048576.0:0.0} → {memEnd.Heap / 1048576.0:0.0} MiB (after a full GC)";
            if (clients.FirstError() is string fe) row.Note += "; first error: " + fe;
            row.Targets.Add(new Target { Text = "zero errors", Met = errors == 0 });
            row.Targets.Add(new Target { Text = $"all {n:N0} connections open at the end", Met = open == n });
            bench.Results.Add(row);
            BenchContext.Step("  " + row.Note);
        }
    }
}

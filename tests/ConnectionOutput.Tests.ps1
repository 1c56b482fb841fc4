# The later reply path of a connection (Engines/IConnectionOutput, IDatagramOutput): bytes handed
# over from other threads go out in order, with backpressure, then maybe a close; on both engines.
# Driven by a compiled responder (answers on thread-pool threads, after a delay), not PowerShell,
# so these tests speak for the seam alone. Peers are raw .NET sockets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $core = [EchoNet.Server.EchoResponder].Assembly.Location
    if (-not ('LaterTestResponder' -as [type])) {
        Add-Type -ReferencedAssemblies $core, 'netstandard', 'System.Collections', 'System.Net.Primitives' -TypeDefinition @'
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EchoNet.Server;

// Replies "<text>|" after a delay that is longest for the first requests, on a pool thread:
// answers complete out of step with arrival, on other threads than the engine's.
public sealed class LaterTestResponder : EchoResponder
{
    public int ReplyBytes;          // > 0: reply that many bytes (a pattern) instead of the text
    public string CloseOn;          // a request with this text closes its connection after its reply
    public string Greeting;
    public int Disposed;

    public override bool Greets => Greeting != null;

    public override Task<byte[]> GreetAsync(EchoRequestConnection connection, CancellationToken cancel) =>
        Task.Run(() => Encoding.ASCII.GetBytes(Greeting));

    public override Task<byte[]> RespondAsync(EchoRequest request, CancellationToken cancel)
    {
        return Task.Run(async () =>
        {
            if (request.Index <= 3) await Task.Delay(30 * (4 - (int)request.Index));
            if (request.Text == CloseOn) request.Connection.Close();
            if (ReplyBytes > 0)
            {
                var bytes = new byte[ReplyBytes];
                for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(request.Index + i);
                return bytes;
            }
            return Encoding.ASCII.GetBytes(request.Text + "|");
        });
    }

    public override void Dispose() => Disposed++;
}
'@
    }

    function Start-LaterServer {
        param([LaterTestResponder] $Responder, [EchoNet.EchoProtocol] $Protocol = 'Tcp')
        $options = [EchoNet.Server.EchoServerOptions]::new()
        $options.Protocol = $Protocol
        $options.Responder = $Responder
        [EchoNet.EchoServer]::Start($options)
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'The later reply path of a connection' -Tag 'Engine' {
    It 'sends answers completed on other threads in order, pipelined requests in one segment' {
        $server = Start-LaterServer ([LaterTestResponder]::new())
        $client = Connect-TestClient -Port $server.Port
        try {
            $lines = 1..40 | ForEach-Object { "r$_" }
            $bytes = [Text.Encoding]::ASCII.GetBytes(($lines -join "`n") + "`n")
            $client.Client.Send($bytes) | Should -Be $bytes.Length
            $expected = [Text.Encoding]::ASCII.GetBytes(($lines | ForEach-Object { "$_|" }) -join '')
            $reply = Read-TestBytes -Client $client -Count $expected.Length
            [Text.Encoding]::ASCII.GetString($reply) | Should -BeExactly ([Text.Encoding]::ASCII.GetString($expected))
        }
        finally { $client.Dispose(); $server.Stop() }
    }

    It 'greets first, and closes after the reply that asked for it' {
        $responder = [LaterTestResponder]::new()
        $responder.Greeting = "hello`n"
        $responder.CloseOn = 'bye'
        $server = Start-LaterServer $responder
        $client = Connect-TestClient -Port $server.Port
        try {
            [Text.Encoding]::ASCII.GetString((Read-TestBytes -Client $client -Count 6)) | Should -BeExactly "hello`n"
            $client.Client.Send([Text.Encoding]::ASCII.GetBytes("a`nbye`nnever`n")) | Out-Null
            [Text.Encoding]::ASCII.GetString((Read-TestBytes -Client $client -Count 6)) | Should -BeExactly 'a|bye|'
            # Then the server's FIN: a read returns 0 (a timeout would throw instead).
            $client.Client.Receive([byte[]]::new(16)) | Should -Be 0
        }
        finally { $client.Dispose(); $server.Stop() }
        $responder.Disposed | Should -Be 1
    }

    It 'stops reading a client that does not read its replies, then delivers every byte' {
        $responder = [LaterTestResponder]::new()
        $responder.ReplyBytes = 131072
        $server = Start-LaterServer $responder
        $client = Connect-TestClient -Port $server.Port -TimeoutMs 20000
        try {
            # 120 requests asking 128 KiB each: 15 MiB of replies, far more than socket buffers hold.
            $count = 120
            $requests = [Text.Encoding]::ASCII.GetBytes(((1..$count | ForEach-Object { "q$_" }) -join "`n") + "`n")
            $send = $client.GetStream().WriteAsync($requests, 0, $requests.Length)
            Start-Sleep -Milliseconds 1500
            # Backpressure: the replies back up, so the server asks for no more answers (and reads no
            # more) until the client reads: far fewer than all requests have been answered.
            $server.Requests | Should -BeLessThan 100
            $received = [long]0
            $buffer = [byte[]]::new(1MB)
            $mismatch = -1
            while ($received -lt $count * 131072) {
                $n = $client.Client.Receive($buffer)
                if ($n -eq 0) { break }
                for ($i = 0; $i -lt $n; $i += 4093) {
                    $at = $received + $i
                    $index = [math]::Floor($at / 131072) + 1
                    if ($buffer[$i] -ne [byte](($index + ($at % 131072)) % 256)) { $mismatch = $at; break }
                }
                if ($mismatch -ge 0) { break }
                $received += $n
            }
            $mismatch | Should -Be -1
            $received | Should -Be ($count * 131072)
            $send.Wait(10000) | Should -BeTrue
        }
        finally { $client.Dispose(); $server.Stop() }
    }

    It 'answers a UDP datagram later, from another thread' {
        $server = Start-LaterServer ([LaterTestResponder]::new()) -Protocol Udp
        $udp = [Net.Sockets.UdpClient]::new()
        try {
            $udp.Client.ReceiveTimeout = 5000
            $udp.Connect('127.0.0.1', $server.Port)
            $udp.Send([byte[]][char[]]'ping', 4) | Out-Null
            $from = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            [Text.Encoding]::ASCII.GetString($udp.Receive([ref] $from)) | Should -BeExactly 'ping|'
        }
        finally { $udp.Dispose(); $server.Stop() }
    }
}

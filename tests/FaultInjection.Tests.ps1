# Faults on purpose (issue 22): Toxiproxy's toxics on TCP, drops/duplicates/reorders on UDP, and
# Set-EchoServer changing them while connections are open. Every figure is measured with a peer
# that is not EchoNet (python3 sockets from tests/peers/fault_peer.py, raw .NET sockets), and
# checked against the asked value with a bound, never an exact time. (Not to be confused with
# Faults.Tests.ps1, which is about misbehaving clients.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Python = Get-PythonPath
    $script:Peer = Join-Path $PSScriptRoot 'peers/fault_peer.py'

    function Invoke-FaultPeer([string] $Mode, [int[]] $Arguments) {
        $output = & $script:Python $script:Peer $Mode @Arguments
        if ($LASTEXITCODE -ne 0) { throw "fault_peer.py $Mode failed: $output" }
        $output | ConvertFrom-Json
    }

    function Measure-RoundTrip([Net.Sockets.TcpClient] $Client) {
        # One 4-byte round trip on an open raw .NET connection, in ms.
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $Client.Client.Send([byte[]](1, 2, 3, 4)) | Should -Be 4
        (Read-TestBytes -Client $Client -Count 4).Length | Should -Be 4
        $watch.Elapsed.TotalMilliseconds
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'TCP faults (Toxiproxy''s toxics), measured by a python3 client' -Tag 'Engine' {
    BeforeAll {
        if (-not $script:Python) { throw 'These tests need python3.' }
    }
    AfterEach { Stop-EchoServer -All }

    It '-Latency 100 adds 100 ms once per round trip (downstream by default), not twice' {
        $server = Start-EchoServer -Latency 100
        $times = (Invoke-FaultPeer latency $server.Port, 3).ms
        $times.Count | Should -Be 3
        foreach ($ms in $times) {
            $ms | Should -BeGreaterOrEqual 99
            $ms | Should -BeLessThan 170   # twice would be 200
        }
        $server.BytesDelayed | Should -Be 48
        $server.Faults.Latency | Should -Be 100
    }

    It '-FaultDirection Both delays each way: twice per round trip' {
        $server = Start-EchoServer -Latency 60 -FaultDirection Both
        $times = (Invoke-FaultPeer latency $server.Port, 3).ms
        foreach ($ms in $times) { $ms | Should -BeGreaterOrEqual 119; $ms | Should -BeLessThan 200 }
    }

    It '-Bandwidth 200000 passes 160 KB at 200 KB/s, within 15 %' {
        $server = Start-EchoServer -Bandwidth 200000
        $result = Invoke-FaultPeer bandwidth $server.Port, 160000
        $result.exact | Should -BeTrue
        $rate = 160000 / $result.seconds
        $rate | Should -BeGreaterThan (200000 * 0.85)
        $rate | Should -BeLessThan (200000 * 1.15)
    }

    It '-ResetAfter 1000 gives the client exactly 1000 bytes, then a reset' {
        $server = Start-EchoServer -ResetAfter 1000 -Record
        $result = Invoke-FaultPeer until_end $server.Port, 5000
        $result.bytes | Should -Be 1000
        $result.end | Should -Be 'reset'
        $server.ConnectionsReset | Should -Be 1
        $fault = Receive-RecordedEvent -Server $server -Kind Fault -Count 1
        $fault.Message | Should -Match 'Reset after 1000 bytes'
    }

    It '-LimitData 1000 gives exactly 1000 bytes, then a clean close' {
        $server = Start-EchoServer -LimitData 1000
        $result = Invoke-FaultPeer until_end $server.Port, 5000
        $result.bytes | Should -Be 1000
        $result.end | Should -Be 'eof'
        $server.ConnectionsCut | Should -Be 1
    }

    It '-Slice 100 -SliceDelay 25 sends segments of 100 bytes apart in time, seen by a TCP_NODELAY client' {
        $server = Start-EchoServer -Slice 100 -SliceDelay 25
        $result = Invoke-FaultPeer slices $server.Port, 1000
        ($result.sizes | Measure-Object -Sum).Sum | Should -Be 1000
        # Each read is whole segments (a client late by more than the delay may read two at once).
        foreach ($size in $result.sizes) { $size % 100 | Should -Be 0 }
        ($result.sizes | Sort-Object)[[int]($result.sizes.Count / 2)] | Should -Be 100
        $result.sizes.Count | Should -BeGreaterOrEqual 6
        $result.span_ms | Should -BeGreaterOrEqual 200   # nine pauses of 25 ms
    }

    It '-Blackhole -BlackholeTimeout 300 answers nothing and closes after about 300 ms' {
        $server = Start-EchoServer -Blackhole -BlackholeTimeout 300
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-FaultPeer until_end $server.Port, 500
        $result.bytes | Should -Be 0
        $result.end | Should -Be 'eof'
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 290
        $server.BytesBlackholed | Should -Be 500
    }

    It '-SlowClose 300 answers, then waits 300 ms before its FIN' {
        $server = Start-EchoServer -SlowClose 300
        $client = Connect-TestClient -Port $server.Port
        try {
            $client.Client.Send([byte[]](7, 8, 9)) | Out-Null
            $client.Client.Shutdown('Send')
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $got = Read-UntilClosed -Client $client
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 280
            ($got -join ',') | Should -Be '7,8,9'
        }
        finally { $client.Dispose() }
    }

    It 'faults a -Responder''s replies too' {
        $server = Start-EchoServer -Responder { param($Request) "re:$($Request.Text)" } -Latency 150
        $client = Connect-TestClient -Port $server.Port
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $client.Client.Send([Text.Encoding]::ASCII.GetBytes("a`n")) | Out-Null
            [Text.Encoding]::ASCII.GetString((Read-TestBytes -Client $client -Count 5)) | Should -Be "re:a`n"
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 149
        }
        finally { $client.Dispose() }
    }

    It '-FaultRate 0.5 -Seed 7 faults the same connections on two runs, some but not all' {
        $patterns = foreach ($run in 1, 2) {
            $server = Start-EchoServer -Latency 100 -FaultRate 0.5 -Seed 7
            (1..12 | ForEach-Object {
                    $client = Connect-TestClient -Port $server.Port
                    try { if ((Measure-RoundTrip $client) -ge 99) { 'F' } else { '-' } } finally { $client.Dispose() }
                }) -join ''
            $server | Stop-EchoServer
        }
        $patterns[0] | Should -Be $patterns[1]
        $patterns[0] | Should -Match 'F'
        $patterns[0] | Should -Match '-'
    }
}

Describe 'Set-EchoServer: faults changed while connections are open' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'changes the latency of an open connection, shows it on the server, and clears it' {
        $server = Start-EchoServer -Latency 50
        $client = Connect-TestClient -Port $server.Port
        try {
            Measure-RoundTrip $client | Should -BeGreaterOrEqual 49
            $same = $server | Set-EchoServer -Latency 250 -PassThru
            $same.Faults.Latency | Should -Be 250
            ($same | Format-Table | Out-String -Width 200) | Should -Match 'Latency 250ms'
            $ms = Measure-RoundTrip $client
            $ms | Should -BeGreaterOrEqual 249
            $ms | Should -BeLessThan 330
            Set-EchoServer -Id $server.Id -ClearFaults
            $server.Faults.IsEmpty | Should -BeTrue
            Measure-RoundTrip $client | Should -BeLessThan 45
        }
        finally { $client.Dispose() }
    }

    It '-Down resets open connections and refuses new ones; -Up serves again on the same port' {
        $server = Start-EchoServer -Protocol Tcp
        $port = $server.Port
        $open = Connect-TestClient -Port $port
        try {
            Measure-RoundTrip $open | Should -BeLessThan 1000
            $server | Set-EchoServer -Down
            $server.State | Should -Be 'Down'
            { $open.Client.Receive([byte[]]::new(8)) } | Should -Throw -ExpectedMessage '*reset*'
            { [Net.Sockets.TcpClient]::new('127.0.0.1', $port) } | Should -Throw -ExpectedMessage '*refused*'
            $server.ConnectionsReset | Should -Be 1
            $server | Set-EchoServer -Up
            $server.State | Should -Be 'Running'
            $server.Port | Should -Be $port
            ((Invoke-RawEcho -Port $port -Bytes ([byte[]](5, 6))) -join ',') | Should -Be '5,6'
        }
        finally { $open.Dispose() }
    }

    It 'rejects bad values with validation errors and a stopped server with an error record' {
        { Start-EchoServer -Latency -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Protocol Udp -DropRate 1.5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Latency 3600001 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.StartEchoServerCommand'
        $server = Start-EchoServer
        { $server | Set-EchoServer -Down -Up } | Should -Throw -ErrorId 'DownWithUp,EchoNet.Commands.SetEchoServerCommand'
        $server | Stop-EchoServer
        $server | Set-EchoServer -Latency 5 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,EchoNet.Commands.SetEchoServerCommand'
        Set-EchoServer -Id 99999 -Latency 5 -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'EchoServerNotFound,EchoNet.Commands.SetEchoServerCommand'
    }

    It 'says what it does with -Verbose' {
        $server = Start-EchoServer -Latency 20 -Seed 3 -Verbose 4>&1 | Where-Object { $_ -is [EchoNet.EchoServer] }
        $lines = Start-EchoServer -Latency 20 -Seed 3 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        "$lines" | Should -Match 'faults: Latency 20ms \(seed 3\)'
        $set = $server | Set-EchoServer -ResetAfter 10 -Verbose 4>&1
        "$set" | Should -Match 'faults now Latency 20ms, ResetAfter 10B'
    }
}

Describe 'UDP faults' -Tag 'Engine' {
    BeforeAll {
        if (-not $script:Python) { throw 'These tests need python3.' }
    }
    AfterEach { Stop-EchoServer -All }

    It '-DropRate 0.3 -Seed 42 drops the same datagrams on two runs, about 30 % of 2,000' {
        $runs = foreach ($run in 1, 2) {
            $server = Start-EchoServer -Protocol Udp -DropRate 0.3 -Seed 42
            $missing = (Invoke-FaultPeer udp $server.Port, 2000).missing
            $server.DatagramsLost | Should -Be $missing.Count
            , $missing
            $server | Stop-EchoServer
        }
        $runs[0].Count | Should -BeGreaterThan 500
        $runs[0].Count | Should -BeLessThan 700
        ($runs[0] -join ',') | Should -Be ($runs[1] -join ',')
    }

    It '-DuplicateRate 1 answers twice; -ReorderRate 1 sends a datagram after the next; -Latency delays' {
        $server = Start-EchoServer -Protocol Udp -DuplicateRate 1
        $udp = [Net.Sockets.UdpClient]::new()
        try {
            $udp.Client.ReceiveTimeout = 3000
            $udp.Connect('127.0.0.1', $server.Port)
            $remote = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            $udp.Send([byte[]](1), 1) | Out-Null
            $udp.Receive([ref] $remote) | Should -Be 1
            $udp.Receive([ref] $remote) | Should -Be 1
            $server.DatagramsDuplicated | Should -Be 1

            $server | Set-EchoServer -DuplicateRate 0 -ReorderRate 0.5 -Seed 1
            $udp.Send([byte[]](1), 1) | Out-Null
            $udp.Send([byte[]](2), 1) | Out-Null
            $udp.Send([byte[]](3), 1) | Out-Null
            $udp.Send([byte[]](4), 1) | Out-Null
            $order = (1..4 | ForEach-Object { $udp.Receive([ref] $remote)[0] }) -join ''
            $order | Should -Not -Be '1234'
            ($order.ToCharArray() | Sort-Object) -join '' | Should -Be '1234'

            $server | Set-EchoServer -ReorderRate 0 -Latency 120
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $udp.Send([byte[]](9), 1) | Out-Null
            $udp.Receive([ref] $remote) | Should -Be 9
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 119
        }
        finally { $udp.Dispose() }
    }
}

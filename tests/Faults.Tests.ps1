# Misbehaving clients, floods and churn: the server loses no byte and keeps serving.
# Loopback only; every wait is bounded.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-ProcessFootprint {
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $process = [Diagnostics.Process]::GetCurrentProcess()
        [pscustomobject]@{
            # Open descriptors on Linux and macOS, kernel handles on Windows.
            Handles = $process.HandleCount
            Threads = $process.Threads.Count
            ManagedBytes = [GC]::GetTotalMemory($true)
        }
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'Faults' -Tag 'Engine' {
    BeforeAll { $server = Start-EchoServer -MaxConnections 5000 }
    AfterAll { $server | Stop-EchoServer }

    It 'stops reading from a client that sends and never reads (backpressure), serves others, loses nothing' {
        $hog = Connect-TestClient -Port $server.Port
        $socket = $hog.Client
        $socket.Blocking = $false
        $chunk = New-TestBytes -Length 65536
        $written = 0
        $stalledSince = [Diagnostics.Stopwatch]::StartNew()
        # Write until the pipe has been full for 500 ms, or 256 MiB (which would mean no backpressure).
        while ($stalledSince.ElapsedMilliseconds -lt 500 -and $written -lt 256MB) {
            $err = [System.Net.Sockets.SocketError]::Success
            $n = $socket.Send($chunk, 0, $chunk.Length, [System.Net.Sockets.SocketFlags]::None, [ref]$err)
            if ($err -eq 'Success' -and $n -gt 0) {
                # Keep the byte pattern continuous across partial sends.
                $written += $n
                if ($n -lt $chunk.Length) { $chunk = New-TestBytes -Length 65536 -Seed $written }
                $stalledSince.Restart()
            }
            else { $null = $socket.Poll(50000, [System.Net.Sockets.SelectMode]::SelectWrite) }
        }
        $written | Should -BeLessThan 64MB -Because 'the server must stop reading once its replies pile up'
        # Meanwhile another client is served normally.
        Test-SameBytes ([byte[]](1..200)) (Invoke-RawEcho -Port $server.Port -Bytes ([byte[]](1..200))) | Should -BeTrue
        # Now read everything back: every byte the server took comes back, in order.
        $socket.Blocking = $true
        $reply = Read-TestBytes -Client $hog -Count $written
        $reply.Length | Should -Be $written
        Test-SameBytes (New-TestBytes -Length $written) $reply | Should -BeTrue
        $hog.Dispose()
    }

    It 'survives a client that resets mid-message' {
        # The clients of the tests before may still be on their way out: start from none.
        Wait-Until -TimeoutMs 15000 { $server.ActiveConnections -eq 0 } | Should -BeTrue
        $rude = Connect-TestClient -Port $server.Port
        Wait-Until { $server.ActiveConnections -eq 1 } | Should -BeTrue
        $rude.GetStream().Write((New-TestBytes -Length 100000), 0, 100000)
        $rude.Client.LingerState = [System.Net.Sockets.LingerOption]::new($true, 0)
        $rude.Client.Close()   # RST
        Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue -Because 'the reset connection is counted out'
        Test-SameBytes ([byte[]](9, 8, 7)) (Invoke-RawEcho -Port $server.Port -Bytes ([byte[]](9, 8, 7))) | Should -BeTrue
    }

    It 'sends back everything from a client that half-closes, then closes' {
        $client = Connect-TestClient -Port $server.Port
        try {
            $payload = New-TestBytes -Length 200000 -Seed 3
            $client.GetStream().Write($payload, 0, $payload.Length)
            $client.Client.Shutdown([System.Net.Sockets.SocketShutdown]::Send)
            $reply = Read-TestBytes -Client $client -Count ($payload.Length + 1)   # +1: must end at EOF
            $reply.Length | Should -Be $payload.Length
            Test-SameBytes $payload $reply | Should -BeTrue
        }
        finally { $client.Dispose() }
    }

    It 'refuses a flood of 2,000 connects over -MaxConnections cleanly and keeps serving' {
        $limited = Start-EchoServer -MaxConnections 50
        $held = 1..50 | ForEach-Object { Connect-TestClient -Port $limited.Port }
        try {
            Wait-Until { $limited.ActiveConnections -eq 50 } | Should -BeTrue
            for ($i = 0; $i -lt 2000; $i++) {
                $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $limited.Port)
                $c.Dispose()
            }
            Wait-Until -TimeoutMs 10000 { $limited.ConnectionsRefused -eq 2000 } | Should -BeTrue
            $limited.ActiveConnections | Should -Be 50
            $held[0].GetStream().Write([byte[]](1, 2, 3), 0, 3)
            Test-SameBytes ([byte[]](1, 2, 3)) (Read-TestBytes -Client $held[0] -Count 3) | Should -BeTrue
        }
        finally { $held | ForEach-Object Dispose }
        Wait-Until { $limited.ActiveConnections -eq 0 } | Should -BeTrue
        (Send-TcpMessage -Port $limited.Port -Message 'after the flood').Reply | Should -Be 'after the flood'
        $limited | Stop-EchoServer
    }

    It 'closes 500 connected clients when stopped, and frees the port at once' {
        $busy = Start-EchoServer -MaxConnectionsPerClient 500   # 500 clients from one address
        $clients = 1..500 | ForEach-Object { Connect-TestClient -Port $busy.Port }
        try {
            Wait-Until { $busy.ActiveConnections -eq 500 } | Should -BeTrue
            $busy | Stop-EchoServer
            Test-PortFree -Port $busy.Port | Should -BeTrue
            # Readable with nothing to read: end-of-stream (or a reset). Bounded generously: a
            # busy machine may take its time, a server that never closes fails.
            $closed = Wait-Until -TimeoutMs 15000 {
                @($clients | Where-Object { -not ($_.Client.Poll(0, 'SelectRead') -and $_.Client.Available -eq 0) }).Count -eq 0
            }
            $closed | Should -BeTrue -Because 'every client sees end-of-stream'
            # The counter, too, is waited for: it may trail the closes it counts.
            Wait-Until { $busy.ActiveConnections -eq 0 } | Should -BeTrue
        }
        finally { $clients | ForEach-Object Dispose }
    }

    It 'does not grow handles, threads or memory over 500 start/stop cycles' {
        1..50 | ForEach-Object { Start-EchoServer -Protocol Tcp, Udp | Stop-EchoServer }   # warm-up
        $before = Get-ProcessFootprint
        1..500 | ForEach-Object { Start-EchoServer -Protocol Tcp, Udp | Stop-EchoServer }
        $after = Get-ProcessFootprint
        $before.Handles | Should -BeGreaterThan 0 -Because 'a handle count of 0 means the platform does not report it, and the check below would prove nothing'
        Write-Host ("500 cycles: handles {0} -> {1}, threads {2} -> {3}, managed {4:N0} -> {5:N0} bytes" -f
            $before.Handles, $after.Handles, $before.Threads, $after.Threads, $before.ManagedBytes, $after.ManagedBytes)
        ($after.Handles - $before.Handles) | Should -BeLessOrEqual 10
        ($after.Threads - $before.Threads) | Should -BeLessOrEqual 10
        ($after.ManagedBytes - $before.ManagedBytes) | Should -BeLessThan 4MB
        @(Get-EchoServer).Count | Should -Be 1   # only the Describe's own server
    }
}

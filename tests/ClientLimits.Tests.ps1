# Limits per client: -MaxConnectionsPerClient over TCP, and the UDP guard against echo loops
# (source ports of echo-type services, the server's own endpoint, the other EchoNet UDP servers of
# the process, a ping-pong with any echo service) and per-source floods.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Connect-From {
        # A raw client bound to a chosen local loopback address.
        param([string] $From, [int] $Port)
        $socket = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
        $socket.Bind([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Parse($From), 0))
        $socket.ReceiveTimeout = 5000
        $socket.Connect('127.0.0.1', $Port)
        $socket
    }

    function Connect-UdpClient([int] $Port) {
        # A raw .NET UDP client connected to the server on loopback, its receives bounded.
        $udp = [System.Net.Sockets.UdpClient]::new()
        $udp.Client.ReceiveTimeout = 3000
        $udp.Connect('127.0.0.1', $Port)
        $udp
    }

    function Test-Echoes {
        # True when the connection echoes; false when the server closed it instead.
        param([System.Net.Sockets.Socket] $Socket)
        try {
            $null = $Socket.Send([byte[]](42))
            $buffer = [byte[]]::new(1)
            $Socket.Receive($buffer) -eq 1 -and $buffer[0] -eq 42
        }
        catch [System.Net.Sockets.SocketException] {
            if ($_.Exception.SocketErrorCode -eq 'TimedOut') { throw 'no answer and no close within 5 s' }
            $false
        }
    }

    # Sends one UDP datagram with any source address and port through a raw socket (root only):
    # the spoofed senders an echo service must not answer.
    $spoofScript = @'
import socket, struct, sys
src_port, dst_port = int(sys.argv[1]), int(sys.argv[2])
payload = b'loop?'
header = struct.pack('!HHHH', src_port, dst_port, 8 + len(payload), 0)
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.sendto(header + payload, ('127.0.0.1', 0))
'@
    $python = Get-Command python3 -ErrorAction SilentlyContinue
    $canSpoof = $IsLinux -and $python -and ((& id -u) -eq '0')
}

AfterAll { Stop-EchoServer -All }

Describe '-MaxConnectionsPerClient' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'defaults to 256, well below -MaxConnections' {
        $server = Start-EchoServer
        $server.MaxConnectionsPerClient | Should -Be 256
        $server.MaxConnectionsPerClient | Should -BeLessThan $server.MaxConnections
    }

    It 'refuses a client over its own limit, serves other clients, and admits it again when one closes' {
        $server = Start-EchoServer -MaxConnectionsPerClient 3
        $held = @(1..3 | ForEach-Object { Connect-From -From 127.0.0.1 -Port $server.Port })
        $extra = $null; $other = $null; $again = $null
        try {
            foreach ($socket in $held) { Test-Echoes $socket | Should -BeTrue }
            $extra = Connect-From -From 127.0.0.1 -Port $server.Port
            Test-Echoes $extra | Should -BeFalse
            Wait-Until { $server.ConnectionsRefused -eq 1 } | Should -BeTrue
            # Another address is not held back by the first one's connections.
            $other = Connect-From -From 127.0.0.2 -Port $server.Port
            Test-Echoes $other | Should -BeTrue
            $held[0].Dispose()
            Wait-Until { $server.ActiveConnections -eq 3 } | Should -BeTrue
            $again = Connect-From -From 127.0.0.1 -Port $server.Port
            Test-Echoes $again | Should -BeTrue
        }
        finally { $held + $extra + $other + $again | Where-Object { $_ } | ForEach-Object Dispose }
    }

    It 'names the per-client limit in the Refused event' {
        $server = Start-EchoServer -MaxConnectionsPerClient 1
        $null = Register-ObjectEvent -InputObject $server -EventName Activity -SourceIdentifier PerClientRefused
        $first = Connect-From -From 127.0.0.1 -Port $server.Port
        $second = Connect-From -From 127.0.0.1 -Port $server.Port
        try {
            Test-Echoes $first | Should -BeTrue
            Test-Echoes $second | Should -BeFalse
            $refused = { @(Get-Event -SourceIdentifier PerClientRefused -ErrorAction SilentlyContinue | Where-Object { $_.SourceArgs[1].Kind -eq 'Refused' }) }
            Wait-Until { (& $refused).Count -eq 1 } | Should -BeTrue
            (& $refused)[0].SourceArgs[1].Message | Should -BeLike '*per client*1*'
        }
        finally {
            $first.Dispose(); $second.Dispose()
            Unregister-Event -SourceIdentifier PerClientRefused
            Remove-Event -SourceIdentifier PerClientRefused -ErrorAction SilentlyContinue
        }
    }
}

Describe '-MaxConnectionsPerClient counts what a client really holds (issue 26 item 4)' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'refuses none of 8 raw .NET clients that reconnect as fast as they can, with -Record, at a limit of 16' {
        # Each client holds one connection at a time: connect, 64 bytes echoed, close, again. Its
        # closed connections must stop counting once it has closed them, not once the server has
        # got round to closing them (the portable engine runs closes behind under load).
        $server = Start-EchoServer -Record -MaxConnectionsPerClient 16
        $port = $server.Port
        $runs = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            $deadline = [DateTime]::UtcNow.AddSeconds(2)
            $buffer = [byte[]]::new(64)
            $payload = [byte[]]::new(64)
            $echoed = 0; $failed = 0
            while ([DateTime]::UtcNow -lt $deadline) {
                $client = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
                try {
                    $client.ReceiveTimeout = 5000
                    $client.Connect('127.0.0.1', $using:port)
                    $null = $client.Send($payload)
                    $got = 0
                    while ($got -lt 64) {
                        $n = $client.Receive($buffer, $got, 64 - $got, 'None')
                        if ($n -eq 0) { break }
                        $got += $n
                    }
                    if ($got -eq 64) { $echoed++ } else { $failed++ }
                }
                catch { $failed++ }
                finally { $client.Dispose() }
            }
            [pscustomobject]@{ Echoed = $echoed; Failed = $failed }
        }
        $echoed = ($runs | Measure-Object Echoed -Sum).Sum
        $failed = ($runs | Measure-Object Failed -Sum).Sum
        Write-Host "$($server.Engine) engine: $echoed connections echoed, $failed failed, $($server.ConnectionsRefused) refused"
        $echoed | Should -BeGreaterThan 1000
        $server.ConnectionsRefused | Should -Be 0
        $failed | Should -Be 0
        # The count is still a limit: 16 held connections from one client, and the 17th is refused.
        $held = foreach ($i in 1..16) { Connect-TestClient -Port $port }
        try {
            Wait-Until { $server.ActiveConnections -eq 16 } | Should -BeTrue
            $extra = Connect-TestClient -Port $port
            try { Test-Echoes $extra.Client | Should -BeFalse } finally { $extra.Dispose() }
            $server.ConnectionsRefused | Should -Be 1
        }
        finally { $held | ForEach-Object Dispose }
    }
}

Describe 'UDP loop guard and rate limit' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'does not answer a datagram from echo-type port <SourcePort>, and counts it' -ForEach @(
        @{ SourcePort = 7 }, @{ SourcePort = 13 }, @{ SourcePort = 17 }, @{ SourcePort = 19 }, @{ SourcePort = 37 }
    ) {
        if (-not $canSpoof) { Set-ItResult -Skipped -Because 'sending from a chosen source port needs root and python3 on Linux'; return }
        $server = Start-EchoServer -Protocol Udp
        & $python.Source -c $spoofScript $SourcePort $server.Port
        $LASTEXITCODE | Should -Be 0
        Wait-Until { $server.DatagramsDropped -eq 1 } | Should -BeTrue
        $server.DatagramsEchoed | Should -Be 0
        # An ordinary sender is still answered.
        Test-SameBytes ([byte[]](5)) (Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](5))) | Should -BeTrue
    }

    It "does not answer a datagram that claims to come from the server's own endpoint" {
        if (-not $canSpoof) { Set-ItResult -Skipped -Because 'a spoofed source needs root and python3 on Linux'; return }
        $server = Start-EchoServer -Protocol Udp
        & $python.Source -c $spoofScript $server.Port $server.Port
        Wait-Until { $server.DatagramsDropped -eq 1 } | Should -BeTrue
        $server.DatagramsEchoed | Should -Be 0
    }

    It 'does not answer a datagram spoofed from another EchoNet UDP server of the process: A and B start no loop' {
        if (-not $canSpoof) { Set-ItResult -Skipped -Because 'a spoofed source needs root and python3 on Linux'; return }
        $a = Start-EchoServer -Protocol Udp
        $b = Start-EchoServer -Protocol Udp
        & $python.Source -c $spoofScript $a.Port $b.Port
        $LASTEXITCODE | Should -Be 0
        Wait-Until { $b.DatagramsDropped -eq 1 } | Should -BeTrue
        # Nothing went from B to A: no ping-pong started (before the guard: tens of thousands a second).
        Start-Sleep -Milliseconds 200
        $b.DatagramsEchoed | Should -Be 0
        $a.DatagramsEchoed + $a.DatagramsDropped | Should -Be 0
        # Once A is stopped its endpoint is nobody's: B answers a datagram from that port again.
        $a | Stop-EchoServer
        & $python.Source -c $spoofScript $a.Port $b.Port
        Wait-Until { $b.DatagramsEchoed -eq 1 } | Should -BeTrue
    }

    It 'stops a ping-pong with an echo service that is not EchoNet (Python), on ordinary ports' {
        if (-not $python) { Set-ItResult -Skipped -Because 'the peer is python3'; return }
        $server = Start-EchoServer -Protocol Udp -Record
        $info = [System.Diagnostics.ProcessStartInfo]::new($python.Source, @('-u', (Join-Path $PSScriptRoot 'peers/udp_echo_peer.py'), $server.Port))
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardInput = $true
        $peer = [System.Diagnostics.Process]::Start($info)
        try {
            $line = $peer.StandardOutput.ReadLineAsync()
            $line.Wait(10000) | Should -BeTrue -Because 'the peer prints its port'
            $peerPort = [int]$line.Result
            # The peer's "loop" and the server's echo of it bounce between the two at line rate
            # until the server sees the same payload coming back from one source and mutes it.
            Wait-Until -TimeoutMs 15000 { $server.DatagramsDropped -ge 1 } | Should -BeTrue -Because "the loop must be noticed (echoed $($server.DatagramsEchoed))"
            $echoed = $server.DatagramsEchoed
            Write-Host "ping-pong with a Python echo service: $echoed datagrams answered before it was stopped"
            Start-Sleep -Milliseconds 500
            $server.DatagramsEchoed | Should -Be $echoed -Because 'the loop has stopped: nothing more is answered'
            $echoed | Should -BeLessThan 20000   # a few runs of 1,000 on a busy machine; without the detector, tens of thousands a second
            $dropped = @(Receive-RecordedEvent -Server $server -Kind Dropped)
            $dropped[0].RemoteEndPoint.Port | Should -Be $peerPort
            $dropped[0].Message | Should -BeLike '*same payload*loop*'
        }
        finally {
            $peer.StandardInput.Close()
            if (-not $peer.WaitForExit(5000)) { $peer.Kill() }
            $peer.Dispose()
        }
    }

    It 'leaves at most 16 datagrams of a one-payload flood unanswered: a source that keeps sending is no loop' {
        $server = Start-EchoServer -Protocol Udp
        $udp = Connect-UdpClient $server.Port
        try {
            $same = [byte[]](1, 2, 3, 4)
            for ($i = 0; $i -lt 5000; $i++) { $null = $udp.Send($same, 4) }
            $null = Wait-Until { $server.DatagramsDropped -ge 1 } -TimeoutMs 2000
            Write-Host "one-payload flood: $($server.DatagramsEchoed) answered, $($server.DatagramsDropped) left unanswered"
            $server.DatagramsDropped | Should -BeLessOrEqual 16
            $server.DatagramsEchoed | Should -BeGreaterThan 1000
            # Still answered after the flood.
            while ($udp.Available -gt 0) { $from = $null; $null = $udp.Receive([ref]$from) }
            $null = $udp.Send($same, 4)
            $from = $null
            $udp.Receive([ref]$from) | Should -Be $same
        }
        finally { $udp.Dispose() }
    }

    It 'answers a fast client that varies its payload (a sequence number), from one socket' {
        $server = Start-EchoServer -Protocol Udp
        $udp = Connect-UdpClient $server.Port
        try {
            $from = $null
            $answered = 0
            for ($i = 0; $i -lt 2000; $i++) {
                $payload = [BitConverter]::GetBytes($i)
                $null = $udp.Send($payload, 4)
                if ([BitConverter]::ToInt32($udp.Receive([ref]$from), 0) -eq $i) { $answered++ }
            }
            $answered | Should -Be 2000
            $server.DatagramsDropped | Should -Be 0
        }
        finally { $udp.Dispose() }
    }

    It 'suggests -DatagramRateLimit for UDP beyond loopback, and not once it is set' {
        $null = Start-EchoServer -Protocol Udp -Address 0.0.0.0 -WarningVariable open -WarningAction SilentlyContinue
        "$open" | Should -BeLike '*-DatagramRateLimit*'
        $null = Start-EchoServer -Protocol Udp -Address 0.0.0.0 -DatagramRateLimit 100 -WarningVariable limited -WarningAction SilentlyContinue
        "$limited" | Should -Not -BeLike '*-DatagramRateLimit*'
        $null = Start-EchoServer -Protocol Udp -WarningVariable loopback -WarningAction SilentlyContinue
        "$loopback" | Should -Not -BeLike '*-DatagramRateLimit*'
    }

    It 'answers at most the -DatagramRateLimit burst from one source and drops the rest, counted' {
        $server = Start-EchoServer -Protocol Udp -DatagramRateLimit 5
        $server.DatagramRateLimit | Should -Be 5
        $udp = [System.Net.Sockets.UdpClient]::new()
        try {
            $udp.Connect('127.0.0.1', $server.Port)
            for ($i = 0; $i -lt 50; $i++) { $null = $udp.Send([byte[]](1), 1) }
            Wait-Until { $server.DatagramsEchoed + $server.DatagramsDropped -eq 50 } | Should -BeTrue
            # A burst of 5, plus what refilled while 50 datagrams went out (5 a second).
            $server.DatagramsEchoed | Should -BeLessThan 25
            $server.DatagramsEchoed | Should -BeGreaterOrEqual 5
        }
        finally { $udp.Dispose() }
        # Another source address has its own bucket.
        $other = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Parse('127.0.0.2'), 0))
        try {
            $other.Client.ReceiveTimeout = 3000
            $null = $other.Send([byte[]](9), 1, '127.0.0.1', $server.Port)
            $from = $null
            $other.Receive([ref]$from) | Should -Be 9
        }
        finally { $other.Dispose() }
    }
}

# Start-EchoServer -Forward host:port (issue 22): a relay in front of an upstream that is not
# EchoNet (a python3 echo server from tests/peers/fault_peer.py, raw .NET listeners and UDP
# sockets): byte-exact both ways, FIN and reset carried, both directions recorded in order,
# faults per direction, an upstream that refuses, and the bad input refused before listening.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Python = Get-PythonPath
    $script:Peer = Join-Path $PSScriptRoot 'peers/fault_peer.py'
    $script:Ascii = [Text.Encoding]::ASCII

    function Start-RawUpstream {
        # A plain .NET listener on a port the OS picks; the test accepts from it itself.
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function Receive-Upstream([Net.Sockets.TcpListener] $Listener) {
        $task = $Listener.AcceptTcpClientAsync()
        if (-not $task.Wait(5000)) { throw 'The relay did not connect to the upstream within 5 s.' }
        $upstream = $task.Result
        $upstream.ReceiveTimeout = 5000
        $upstream
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Forward (TCP relay)' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'relays 64 MiB byte-exact both ways through a python3 echo upstream' {
        if (-not $script:Python) { throw 'This test needs python3.' }
        $info = [Diagnostics.ProcessStartInfo]::new($script:Python, "`"$script:Peer`" echo_upstream")
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $upstream = [Diagnostics.Process]::Start($info)
        try {
            $read = $upstream.StandardOutput.ReadLineAsync()
            $read.Wait(5000) | Should -BeTrue
            $relay = Start-EchoServer -Forward "127.0.0.1:$($read.Result)"
            $output = & $script:Python $script:Peer bulk $relay.Port 64
            $result = $output | ConvertFrom-Json
            $result.bytes | Should -Be 64MB
            $result.exact | Should -BeTrue
            $relay.Forward | Should -Be "127.0.0.1:$($read.Result)"
        }
        finally {
            $upstream.StandardInput.Close()
            if (-not $upstream.WaitForExit(5000)) { $upstream.Kill() }
            $upstream.Dispose()
        }
    }

    It 'carries the upstream''s answer and FIN, and -Record holds both directions in order' {
        $listener = Start-RawUpstream
        try {
            $relay = Start-EchoServer -Forward "127.0.0.1:$($listener.LocalEndpoint.Port)" -Record
            $client = Connect-TestClient -Port $relay.Port
            $upstream = Receive-Upstream $listener
            try {
                $client.Client.Send($script:Ascii.GetBytes("PING`n")) | Out-Null
                $script:Ascii.GetString((Read-TestBytes -Client $upstream -Count 5)) | Should -Be "PING`n"
                $upstream.Client.Send($script:Ascii.GetBytes("PONG`n")) | Out-Null
                $upstream.Client.Shutdown('Send')
                $script:Ascii.GetString((Read-UntilClosed -Client $client)) | Should -Be "PONG`n"
                $events = Receive-RecordedEvent -Server $relay -Kind Received, Sent -Count 2
                ($events | ForEach-Object { "$($_.Kind):$($_.Text.Trim())" }) -join ' ' | Should -Be 'Received:PING Sent:PONG'
            }
            finally { $client.Dispose(); $upstream.Dispose() }
        }
        finally { $listener.Stop() }
    }

    It 'stops reading the upstream while the client does not read, then delivers every byte in order' {
        # Without the pause, the relay would read all the upstream sends into memory: the
        # upstream's non-blocking sends would never stall before the 128 MiB cap. With it, they
        # stall once the socket buffers on the way are full (about 12 MiB with Linux's defaults;
        # the test's own two are fixed small).
        $listener = Start-RawUpstream
        try {
            $relay = Start-EchoServer -Forward "127.0.0.1:$($listener.LocalEndpoint.Port)"
            $client = Connect-TestClient -Port $relay.Port
            $upstream = Receive-Upstream $listener
            try {
                $chunk = [byte[]]::new(64KB)
                [Random]::new(22).NextBytes($chunk)
                $sentHash = [Security.Cryptography.IncrementalHash]::CreateHash('SHA256')
                $upstream.Client.SendBufferSize = 256KB
                $client.Client.ReceiveBufferSize = 256KB
                $upstream.Client.Blocking = $false
                $pushed = 0L; $offset = 0; $stalledSince = $null
                $clock = [Diagnostics.Stopwatch]::StartNew()
                while ($pushed -lt 128MB -and $clock.ElapsedMilliseconds -lt 20000) {
                    $err = [Net.Sockets.SocketError]::Success
                    $n = $upstream.Client.Send($chunk, $offset, $chunk.Length - $offset, 'None', [ref] $err)
                    if ($err -eq 'WouldBlock') {
                        if ($null -eq $stalledSince) { $stalledSince = $clock.ElapsedMilliseconds }
                        elseif ($clock.ElapsedMilliseconds - $stalledSince -ge 500) { break }
                        Start-Sleep -Milliseconds 10
                        continue
                    }
                    $err | Should -Be 'Success'
                    $stalledSince = $null
                    $sentHash.AppendData($chunk, $offset, $n)
                    $pushed += $n
                    $offset = ($offset + $n) % $chunk.Length
                }
                $pushed | Should -BeLessThan 128MB -Because 'the relay must stop reading the upstream while its client reads nothing'
                $upstream.Client.Shutdown('Send')
                # Now the client reads it all: the relay resumes, and the upstream's FIN follows the last byte.
                $receivedHash = [Security.Cryptography.IncrementalHash]::CreateHash('SHA256')
                $buffer = [byte[]]::new(256KB); $received = 0L
                $client.Client.ReceiveTimeout = 10000
                while (($n = $client.Client.Receive($buffer)) -gt 0) {
                    $receivedHash.AppendData($buffer, 0, $n)
                    $received += $n
                }
                $received | Should -Be $pushed
                [Convert]::ToHexString($receivedHash.GetHashAndReset()) | Should -Be ([Convert]::ToHexString($sentHash.GetHashAndReset()))
            }
            finally { $client.Dispose(); $upstream.Dispose() }
        }
        finally { $listener.Stop() }
    }

    It 'carries a reset from the upstream to the client, and from the client to the upstream' {
        $listener = Start-RawUpstream
        try {
            $relay = Start-EchoServer -Forward "127.0.0.1:$($listener.LocalEndpoint.Port)"
            # Upstream resets: the client sees a reset, not a clean close.
            $client = Connect-TestClient -Port $relay.Port
            $upstream = Receive-Upstream $listener
            $client.Client.Send([byte[]](1)) | Out-Null
            (Read-TestBytes -Client $upstream -Count 1).Length | Should -Be 1
            # The socket itself: TcpClient.Dispose would send a FIN before the RST.
            $upstream.Client.LingerState = [Net.Sockets.LingerOption]::new($true, 0)
            $upstream.Client.Dispose()
            $code = try { $client.Client.Receive([byte[]]::new(8)); 'no reset' } catch { $_.Exception.InnerException.SocketErrorCode }
            "$code" | Should -Be 'ConnectionReset'
            $client.Dispose()
            # Client resets: the upstream sees a reset.
            $client = Connect-TestClient -Port $relay.Port
            $upstream = Receive-Upstream $listener
            $client.Client.Send([byte[]](2)) | Out-Null
            (Read-TestBytes -Client $upstream -Count 1).Length | Should -Be 1
            $client.Client.LingerState = [Net.Sockets.LingerOption]::new($true, 0)
            $client.Client.Dispose()
            $code = try { $upstream.Client.Receive([byte[]]::new(8)); 'no reset' } catch { $_.Exception.InnerException.SocketErrorCode }
            "$code" | Should -Be 'ConnectionReset'
            $upstream.Dispose()
            $relay.ConnectionsReset | Should -BeGreaterOrEqual 1
        }
        finally { $listener.Stop() }
    }

    It 'applies faults per direction: -Latency 100 delays what the upstream answers once' {
        if (-not $script:Python) { throw 'This test needs python3.' }
        $upstream = Start-EchoServer   # the upstream here is only a fast echo; the client is python
        $relay = Start-EchoServer -Forward "127.0.0.1:$($upstream.Port)" -Latency 100
        $times = (& $script:Python $script:Peer latency $relay.Port 3 | ConvertFrom-Json).ms
        foreach ($ms in $times) { $ms | Should -BeGreaterOrEqual 99; $ms | Should -BeLessThan 170 }
    }

    It 'closes a client whose upstream refuses, says why in an event, and goes on serving' {
        $relay = Start-EchoServer -Forward "127.0.0.1:$(Get-ClosedPort)" -Record
        foreach ($attempt in 1, 2) {
            $client = Connect-TestClient -Port $relay.Port
            try { (Read-UntilClosed -Client $client).Length | Should -Be 0 } finally { $client.Dispose() }
        }
        $faults = Receive-RecordedEvent -Server $relay -Kind Fault -Count 2
        $faults[0].Message | Should -Match 'could not be reached \(ConnectionRefused'
        $relay.State | Should -Be 'Running'
    }

    It 'refuses bad -Forward input before anything listens' {
        $port = Get-FreeTcpPort
        { Start-EchoServer -Port $port -Forward "127.0.0.1:$port" } | Should -Throw -ExpectedMessage '*own endpoint*'
        Test-PortFree -Port $port | Should -BeTrue
        { Start-EchoServer -Forward 'no-such-host.invalid:80' } | Should -Throw -ErrorId 'HostNotFound,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Forward 'localhost' } | Should -Throw -ErrorId 'InvalidForward,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Forward '127.0.0.1:7' -Discard } | Should -Throw -ErrorId 'ForwardWithDiscard,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Forward '127.0.0.1:7' -ReplyFormat '{0}' } | Should -Throw -ErrorId 'ForwardWithReplyFormat,EchoNet.Commands.StartEchoServerCommand'
        { Start-EchoServer -Forward '127.0.0.1:7' -Responder { 'x' } } | Should -Throw -ErrorId 'ForwardWithResponder,EchoNet.Commands.StartEchoServerCommand'
        @(Get-EchoServer).Count | Should -Be 0
    }
}

Describe 'Start-EchoServer -Forward (UDP relay)' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'relays each client''s datagrams and routes the upstream''s replies back to that client' {
        $upstream = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
        $clients = 1, 2 | ForEach-Object { [Net.Sockets.UdpClient]::new() }
        try {
            $upstream.Client.ReceiveTimeout = 5000
            $relay = Start-EchoServer -Protocol Udp -Forward "127.0.0.1:$($upstream.Client.LocalEndPoint.Port)" -Record
            $from = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            foreach ($i in 0, 1) {
                $clients[$i].Client.ReceiveTimeout = 5000
                $clients[$i].Connect('127.0.0.1', $relay.Port)
                $clients[$i].Send([byte[]](10 + $i), 1) | Out-Null
                $got = $upstream.Receive([ref] $from)
                $got[0] | Should -Be (10 + $i)
                $upstream.Send([byte[]]($got[0] + 100), 1, $from) | Out-Null
            }
            $reply = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            $clients[1].Receive([ref] $reply)[0] | Should -Be 111
            $clients[0].Receive([ref] $reply)[0] | Should -Be 110
            (Receive-RecordedEvent -Server $relay -Kind Sent -Count 2).Count | Should -Be 2
        }
        finally { $upstream.Dispose(); $clients | ForEach-Object Dispose }
    }
}

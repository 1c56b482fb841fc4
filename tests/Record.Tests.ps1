# Start-EchoServer -Record: what arrives is kept as events, in order, with its data; the peers are
# raw .NET sockets and Python, never EchoNet's own clients.
BeforeDiscovery {
    $NoPython = -not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Python = Get-PythonPath
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Record over TCP' -Tag 'Engine' {
    BeforeAll { $server = Start-EchoServer -Port 0 -Record }
    AfterAll { $server | Stop-EchoServer }

    It 'records each chunk in order, with the connection number and the client endpoint, and still echoes' {
        $client = Connect-TestClient -Port $server.Port
        try {
            $local = $client.Client.LocalEndPoint
            foreach ($text in 'first', 'second', 'third') {
                $bytes = [Text.Encoding]::UTF8.GetBytes($text)
                $client.Client.Send($bytes) | Out-Null
                # Waiting for the echo makes each message its own chunk.
                [Text.Encoding]::UTF8.GetString((Read-TestBytes -Client $client -Count $bytes.Length)) | Should -BeExactly $text
            }
        }
        finally { $client.Dispose() }
        $events = Receive-RecordedEvent -Server $server -Kind Connected, Received, Disconnected -Count 5
        ($events.Kind -join ',') | Should -Be 'Connected,Received,Received,Received,Disconnected'
        ($events | Where-Object Kind -EQ Received).Text | Should -Be 'first', 'second', 'third'
        $events | ForEach-Object { $_.RemoteEndPoint.Port } | Select-Object -Unique | Should -Be $local.Port
        $events | ForEach-Object { $_.RemoteEndPoint.Address.MapToIPv4().ToString() } | Select-Object -Unique | Should -Be '127.0.0.1'
        @($events.ConnectionId | Select-Object -Unique).Count | Should -Be 1
        $events[0].ConnectionId | Should -BeGreaterThan 0
        $received = $events | Where-Object Kind -EQ Received
        [Text.Encoding]::UTF8.GetString($received[1].Data) | Should -BeExactly 'second'
        $received[1].Bytes | Should -Be 6
        $received[1].Protocol | Should -Be 'Tcp'
        $received[1].ServerId | Should -Be $server.Id
    }

    It 'numbers connections apart' {
        $a = Connect-TestClient -Port $server.Port
        $b = Connect-TestClient -Port $server.Port
        try {
            $a.Client.Send([byte[]](65)) | Out-Null
            $null = Read-TestBytes -Client $a -Count 1
            $b.Client.Send([byte[]](66)) | Out-Null
            $null = Read-TestBytes -Client $b -Count 1
        }
        finally { $a.Dispose(); $b.Dispose() }
        $received = Receive-RecordedEvent -Server $server -Kind Received -Count 2
        $received[0].Text | Should -Be 'A'
        $received[1].Text | Should -Be 'B'
        $received[0].ConnectionId | Should -Not -Be $received[1].ConnectionId
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected -Count 2
    }

    It 'records binary data byte-exact' {
        $payload = New-TestBytes -Length 256
        Test-SameBytes $payload (Invoke-RawEcho -Port $server.Port -Bytes $payload) | Should -BeTrue
        $received = Receive-RecordedEvent -Server $server -Kind Received
        $data = [byte[]]($received | ForEach-Object { $_.Data } | ForEach-Object { $_ })
        # One write of 256 bytes may still arrive in two chunks: take what came.
        while ($data.Length -lt 256) {
            $data = [byte[]]($data + ((Receive-RecordedEvent -Server $server -Kind Received) | ForEach-Object { $_.Data } | ForEach-Object { $_ }))
        }
        Test-SameBytes $payload $data | Should -BeTrue
        $received[0].Preview | Should -Match '^hex: 00 01 02'
    }

    It 'records what a Python client sends, in order' -Skip:$NoPython {
        $script = @'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
for line in (b"alpha\n", b"beta\n"):
    s.sendall(line)
    got = b""
    while len(got) < len(line):
        got += s.recv(100)
    assert got == line, got
s.close()
'@
        $path = Join-Path $TestDrive 'client.py'
        Set-Content -Path $path -Value $script
        & $Python $path $server.Port
        $LASTEXITCODE | Should -Be 0
        $received = Receive-RecordedEvent -Server $server -Kind Received -Count 2
        $received.Text | Should -Be "alpha`n", "beta`n"
        $received[0].Preview | Should -Be 'alpha`n'
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected
    }
}

Describe 'Start-EchoServer -Record over UDP' -Tag 'Engine' {
    It 'records each datagram with its sender and still echoes it' {
        $server = Start-EchoServer -Port 0 -Protocol Udp -Record
        try {
            $reply = Invoke-RawUdpEcho -Port $server.Port -Bytes ([Text.Encoding]::UTF8.GetBytes('<13>syslog'))
            [Text.Encoding]::UTF8.GetString($reply) | Should -Be '<13>syslog'
            $event = Receive-RecordedEvent -Server $server -Kind Datagram
            $event.Kind | Should -Be 'Datagram'
            $event.Protocol | Should -Be 'Udp'
            $event.Text | Should -Be '<13>syslog'
            $event.Bytes | Should -Be 10
            $event.RemoteEndPoint.Address.ToString() | Should -Be '127.0.0.1'
            $event.ConnectionId | Should -Be 0
        }
        finally { $server | Stop-EchoServer }
    }

    It 'records datagrams from a Python sender' -Skip:$NoPython {
        $server = Start-EchoServer -Port 0 -Protocol Udp -Record
        try {
            $script = @'
import socket, sys
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.settimeout(5)
for msg in (b"one", b"two"):
    u.sendto(msg, ("127.0.0.1", int(sys.argv[1])))
    assert u.recvfrom(100)[0] == msg
print(u.getsockname()[1])
'@
            $path = Join-Path $TestDrive 'udp.py'
            Set-Content -Path $path -Value $script
            $senderPort = & $Python $path $server.Port
            $LASTEXITCODE | Should -Be 0
            $events = Receive-RecordedEvent -Server $server -Kind Datagram -Count 2
            $events.Text | Should -Be 'one', 'two'
            $events[0].RemoteEndPoint.Port | Should -Be ([int]$senderPort)
        }
        finally { $server | Stop-EchoServer }
    }
}

Describe 'Start-EchoServer -Record with other modes' -Tag 'Engine' {
    It 'records what arrives with -ReplyFormat, decoded with -Encoding' {
        $server = Start-EchoServer -Port 0 -Record -ReplyFormat 'got {0}' -Encoding latin1
        try {
            $client = Connect-TestClient -Port $server.Port
            try {
                $client.Client.Send([byte[]](0x63, 0x61, 0x66, 0xE9)) | Out-Null   # 'café' in Latin-1
                [Text.Encoding]::Latin1.GetString((Read-TestBytes -Client $client -Count 8)) | Should -BeExactly 'got café'
            }
            finally { $client.Dispose() }
            (Receive-RecordedEvent -Server $server -Kind Received).Text | Should -BeExactly 'café'
        }
        finally { $server | Stop-EchoServer }
    }

    It 'records TLS traffic as plaintext' {
        $server = Start-EchoServer -Port 0 -Record -Certificate (New-TestCertificate)
        try {
            $client = Connect-TestClient -Port $server.Port
            try {
                $ssl = [System.Net.Security.SslStream]::new($client.GetStream(), $false, { $true })
                $ssl.AuthenticateAsClient('localhost')
                $bytes = [Text.Encoding]::UTF8.GetBytes('secret words')
                $ssl.Write($bytes, 0, $bytes.Length)
                $buffer = [byte[]]::new(64)
                $n = $ssl.Read($buffer, 0, 64)
                [Text.Encoding]::UTF8.GetString($buffer, 0, $n) | Should -Be 'secret words'
            }
            finally { $client.Dispose() }
            (Receive-RecordedEvent -Server $server -Kind Received).Text | Should -Be 'secret words'
        }
        finally { $server | Stop-EchoServer }
    }

    It 'records refused and denied clients' {
        $server = Start-EchoServer -Port 0 -Record -MaxConnections 1
        try {
            $first = Connect-TestClient -Port $server.Port
            try {
                $null = Receive-RecordedEvent -Server $server -Kind Connected
                $second = Connect-TestClient -Port $server.Port
                try { (Receive-RecordedEvent -Server $server -Kind Refused).Message | Should -Match 'limit of 1' }
                finally { $second.Dispose() }
            }
            finally { $first.Dispose() }
        }
        finally { $server | Stop-EchoServer }
        $denying = Start-EchoServer -Port 0 -Record -DeniedClient 127.0.0.1
        try {
            $client = Connect-TestClient -Port $denying.Port
            $client.Dispose()
            (Receive-RecordedEvent -Server $denying -Kind Denied).RemoteEndPoint.Address.ToString() | Should -Be '127.0.0.1'
        }
        finally { $denying | Stop-EchoServer }
    }
}

Describe 'Start-EchoServer -RecordLimit' -Tag 'Engine' {
    It 'drops the oldest events when full, counts them, and still echoes every byte' {
        # Each event costs its data plus 256 bytes: 4 KiB holds a few 1000-byte chunks, not 20.
        $server = Start-EchoServer -Port 0 -Record -RecordLimit 4096
        try {
            $client = Connect-TestClient -Port $server.Port
            try {
                for ($i = 0; $i -lt 20; $i++) {
                    $chunk = [byte[]]::new(1000)
                    [Array]::Fill($chunk, [byte](65 + $i))
                    $client.Client.Send($chunk) | Out-Null
                    Test-SameBytes $chunk (Read-TestBytes -Client $client -Count 1000) | Should -BeTrue
                }
            }
            finally { $client.Dispose() }
            Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
            $server.BytesEchoed | Should -Be 20000
            $server.RecordDropped | Should -BeGreaterThan 0
            $kept = @($server | Receive-EchoServerEvent)
            ($kept | ForEach-Object { 256 + $(if ($_.Data) { $_.Data.Length } else { 0 }) } | Measure-Object -Sum).Sum | Should -BeLessOrEqual 4096
            # The newest stay: the last chunk ('T' x 1000) and the Disconnected event after it.
            $kept[-1].Kind | Should -Be 'Disconnected'
            ($kept | Where-Object Kind -EQ Received)[-1].Text | Should -Be ('T' * 1000)
            $kept.Count + $server.RecordDropped | Should -Be 22   # Connected, 20 chunks, Disconnected
        }
        finally { $server | Stop-EchoServer }
    }

    It 'holds only the recorded bytes however often kept events are read: .Text is not kept (issue 26 item 10)' {
        $server = Start-EchoServer -Port 0 -Record -RecordLimit 16MB
        try {
            $chunk = [byte[]]::new(64KB)
            [Array]::Fill($chunk, [byte][char]'x')
            $client = Connect-TestClient -Port $server.Port
            try {
                for ($i = 0; $i -lt 64; $i++) {   # 4 MiB, echoed and recorded
                    $null = $client.Client.Send($chunk)
                    $null = Read-TestBytes -Client $client -Count $chunk.Length
                }
            }
            finally { $client.Dispose() }
            Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
            $heapBefore = [GC]::GetTotalMemory($true)
            $events = @($server | Receive-EchoServerEvent -Kind Received -Keep)
            ($events | ForEach-Object { $_.Text.Length } | Measure-Object -Sum).Sum | Should -Be 4MB
            $events = $null
            $heapAfter = [GC]::GetTotalMemory($true)
            Write-Host ("4 MiB recorded, every event's Text read: managed heap {0:N0} -> {1:N0} bytes" -f $heapBefore, $heapAfter)
            # Kept decoded strings would hold 8 MiB (UTF-16) on top of the recording.
            ($heapAfter - $heapBefore) | Should -BeLessThan 2MB
            ($server | Receive-EchoServerEvent -Kind Received | ForEach-Object { $_.Data.Length } | Measure-Object -Sum).Sum | Should -Be 4MB
        }
        finally { $server | Stop-EchoServer }
    }

    It 'keeps events in time order: Time never goes backwards in a recording, 16 clients at once (issue 26 item 11)' -Skip:$NoPython {
        $server = Start-EchoServer -Port 0 -Record -RecordLimit 64MB
        try {
            # 16 Python threads, each its own connection, ping-pong 16-byte messages: chunks are
            # recorded from many threads at once.
            $script = @'
import socket, sys, threading
port = int(sys.argv[1])
def run():
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i in range(1500):
        s.sendall(b"0123456789abcdef")
        got = 0
        while got < 16:
            n = len(s.recv(16 - got))
            if n == 0:
                raise SystemExit("closed")
            got += n
    s.close()
threads = [threading.Thread(target=run) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
print("done")
'@
            $path = Join-Path $TestDrive 'pingpong16.py'
            Set-Content -Path $path -Value $script
            & $Python $path $server.Port | Should -Be 'done'
            Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
            $events = @($server | Receive-EchoServerEvent)
            $events.Count | Should -BeGreaterThan 1000
            $backwards = 0
            for ($i = 1; $i -lt $events.Count; $i++) { if ($events[$i].Time -lt $events[$i - 1].Time) { $backwards++ } }
            Write-Host "$($server.Engine) engine: $($events.Count) events recorded, Time went backwards $backwards times"
            $backwards | Should -Be 0
        }
        finally { $server | Stop-EchoServer }
    }

    It 'keeps memory bounded by the limit, not by the traffic (64 MiB through a 4 MiB recording)' -Skip:$NoPython {
        $server = Start-EchoServer -Port 0 -Record -RecordLimit 4MB
        try {
            # The client is Python in its own process, so only the server's memory is measured here.
            $script = @'
import socket, sys, threading
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
chunk = bytes(range(256)) * 4096           # 1 MiB
total = 64 * len(chunk)
def send():
    for _ in range(64):
        s.sendall(chunk)
t = threading.Thread(target=send)
t.start()
got = 0
while got < total:
    n = len(s.recv(1 << 20))
    if n == 0:
        break
    got += n
t.join()
s.close()
print(got)
'@
            $path = Join-Path $TestDrive 'flood.py'
            Set-Content -Path $path -Value $script
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $process = [Diagnostics.Process]::GetCurrentProcess()
            $heapBefore = [GC]::GetTotalMemory($true)
            $process.Refresh(); $workingSetBefore = $process.WorkingSet64
            $echoed = & $Python $path $server.Port
            $LASTEXITCODE | Should -Be 0
            [long]$echoed | Should -Be 64MB
            Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $heapAfter = [GC]::GetTotalMemory($true)
            $process.Refresh(); $workingSetAfter = $process.WorkingSet64
            Write-Host ("64 MiB through a 4 MiB recording: managed heap {0:N0} -> {1:N0} bytes, working set {2:N0} -> {3:N0} bytes, {4} events dropped" -f
                $heapBefore, $heapAfter, $workingSetBefore, $workingSetAfter, $server.RecordDropped)
            $server.BytesEchoed | Should -Be 64MB
            $server.RecordDropped | Should -BeGreaterThan 0
            ($heapAfter - $heapBefore) | Should -BeLessThan 12MB
            ($workingSetAfter - $workingSetBefore) | Should -BeLessThan 40MB
        }
        finally { $server | Stop-EchoServer }
    }
}

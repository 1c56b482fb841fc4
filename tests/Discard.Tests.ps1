# Start-EchoServer -Discard: RFC 863 over TCP and UDP; it reads (and records) but sends nothing back.
BeforeDiscovery {
    $NoPython = -not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Python = Get-PythonPath
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Discard' -Tag 'Engine' {
    BeforeAll { $server = Start-EchoServer -Port 0 -Protocol Tcp, Udp -Discard -Record }
    AfterAll { $server | Stop-EchoServer }

    It 'says so on the server object' {
        $server.Discard | Should -BeTrue
        $server.Recording | Should -BeTrue
    }

    It 'sends nothing back over TCP, and closes after the client does' {
        $client = Connect-TestClient -Port $server.Port
        try {
            $payload = New-TestBytes -Length 100000
            $client.Client.Send($payload) | Out-Null
            $client.Client.Shutdown('Send')
            # The server sees our FIN after reading everything, then closes: nothing came before that.
            (Read-UntilClosed -Client $client).Length | Should -Be 0
        }
        finally { $client.Dispose() }
        $received = Receive-RecordedEvent -Server $server -Kind Received
        while (($received | ForEach-Object { $_.Data.Length } | Measure-Object -Sum).Sum -lt 100000) {
            $received = @($received) + @(Receive-RecordedEvent -Server $server -Kind Received)
        }
        ($received | ForEach-Object { $_.Data.Length } | Measure-Object -Sum).Sum | Should -Be 100000
        $server.BytesEchoed | Should -Be 0
    }

    It 'sends nothing back over UDP' {
        $udp = [System.Net.Sockets.UdpClient]::new()
        try {
            $udp.Client.ReceiveTimeout = 500
            $null = $udp.Send([byte[]](1, 2, 3), 3, '127.0.0.1', $server.Port)
            (Receive-RecordedEvent -Server $server -Kind Datagram).Data | Should -Be 1, 2, 3
            $remote = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
            { $udp.Receive([ref]$remote) } | Should -Throw -Because 'a discard server answers nothing'
        }
        finally { $udp.Dispose() }
        $server.DatagramsEchoed | Should -Be 0
    }

    It 'lets a Python sender that expects no reply finish' -Skip:$NoPython {
        $script = @'
import socket, sys
port = int(sys.argv[1])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b"<14>log line", ("127.0.0.1", port))
u.settimeout(0.5)
try:
    u.recvfrom(100)
    print("reply")
except socket.timeout:
    print("silent")
'@
        $path = Join-Path $TestDrive 'sender.py'
        Set-Content -Path $path -Value $script
        & $Python $path $server.Port | Should -Be 'silent'
        (Receive-RecordedEvent -Server $server -Kind Datagram).Text | Should -Be '<14>log line'
    }
}

Describe 'Start-EchoServer -Discard and -Record bad input' {
    It 'rejects -Discard with -ReplyFormat' {
        $before = @(Get-EchoServer).Count
        { Start-EchoServer -Port 0 -Discard -ReplyFormat 'got {0}' } |
            Should -Throw -ErrorId 'DiscardWithReplyFormat,EchoNet.Commands.StartEchoServerCommand'
        @(Get-EchoServer).Count | Should -Be $before
    }

    It 'rejects -RecordLimit <Limit>' -ForEach @(@{ Limit = 0 }, @{ Limit = -1 }) {
        { Start-EchoServer -Port 0 -Record -RecordLimit $Limit } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.StartEchoServerCommand'
    }
}

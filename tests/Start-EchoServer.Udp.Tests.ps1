# Start-EchoServer -Protocol Udp, tested with raw .NET UDP peers (and Send-UdpDatagram where the
# point is TCP and UDP together), and python3 peers for a burst.
BeforeDiscovery {
    $python = Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $server = Start-EchoServer -Protocol Udp
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Protocol Udp' -Tag 'Engine' {
    It 'reports a UDP server on the port the OS picked' {
        $server.Protocol | Should -Be 'Udp'
        $server.Port | Should -BeGreaterThan 0
    }

    It 'echoes a datagram of <Length> bytes byte-exact' -ForEach @(
        @{ Length = 1 }, @{ Length = 1024 }, @{ Length = 65507 }
    ) {
        $payload = New-TestBytes -Length $Length
        $reply = Invoke-RawUdpEcho -Port $server.Port -Bytes $payload
        Test-SameBytes $payload $reply | Should -BeTrue
    }

    It 'echoes the IPv6 maximum datagram over ::1' {
        $v6 = Start-EchoServer -Protocol Udp -Address ::1
        $payload = New-TestBytes -Length 65527
        Test-SameBytes $payload (Invoke-RawUdpEcho -Port $v6.Port -Bytes $payload -Address ::1) | Should -BeTrue
        $v6 | Stop-EchoServer
    }

    It 'echoes a burst from two peers of mixed sizes, each datagram once, byte-exact and in order' -Skip:(-not $python) {
        # The epoll engine takes and answers datagrams in batches (recvmmsg, sendmmsg, and one
        # segmented message for replies of one size to one peer): a burst that queues up exercises
        # every cut. The peers are python3 sockets, not EchoNet.
        $before = $server.DatagramsEchoed
        $info = [System.Diagnostics.ProcessStartInfo]::new((Get-PythonPath), @((Join-Path $PSScriptRoot 'peers/udp_burst.py'), $server.Port, 300))
        $info.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit(30000)) { $process.Kill(); throw 'The burst peers did not finish within 30 s.' }
        $result = $stdout.Result | ConvertFrom-Json
        $result.sent | Should -Be 600
        $result.wrong | Should -Be 0
        $result.outOfOrder | Should -Be 0
        $result.received | Should -Be 600
        Wait-Until { $server.DatagramsEchoed -ge $before + 600 } | Should -BeTrue
    }

    It 'counts datagrams and bytes' {
        $before = $server.DatagramsEchoed
        $bytes = $server.BytesEchoed
        $null = Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](1, 2, 3))
        # The counters move after the reply is sent, one after the other: wait for each.
        Wait-Until { $server.DatagramsEchoed -eq $before + 1 } | Should -BeTrue
        Wait-Until { $server.BytesEchoed -eq $bytes + 3 } | Should -BeTrue
    }

    It 'serves TCP and UDP on one port at once, and stop frees both' {
        $both = Start-EchoServer -Protocol Tcp, Udp
        $both.Protocol | Should -Be 'Tcp, Udp'
        $tcp = Send-TcpMessage -Port $both.Port -Message 'over tcp'
        $udp = Send-UdpDatagram -Port $both.Port -Message 'over udp' -WaitForReply
        $tcp.Reply | Should -Be 'over tcp'
        $udp.Reply | Should -Be 'over udp'
        $both | Stop-EchoServer
        Test-PortFree -Port $both.Port | Should -BeTrue
        $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $both.Port))
        $probe.Dispose()   # binding the UDP port again proves it was released
    }

    It 'survives a peer that vanished (ICMP errors) and keeps serving' {
        # Send from a socket that closes at once: the echo goes to a closed port and draws ICMP.
        1..20 | ForEach-Object {
            $gone = [System.Net.Sockets.UdpClient]::new()
            $gone.Connect('127.0.0.1', $server.Port)
            $null = $gone.Send([byte[]](9), 1)
            $gone.Dispose()
        }
        $reply = Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](5))
        $reply | Should -Be 5
        $server.State | Should -Be 'Running'
    }

    It 'writes Datagram events with -Wait' {
        $job = Start-WaitingServerJob -Protocol Udp
        try {
            $udpServer = $job.Output[0]
            $null = Invoke-RawUdpEcho -Port $udpServer.Port -Bytes ([byte[]](1, 2, 3))
            Wait-Until { @($job.Output | Where-Object Kind -EQ 'Datagram').Count -ge 1 } | Should -BeTrue
            ($job.Output | Where-Object Kind -EQ 'Datagram')[0].Bytes | Should -Be 3
            Stop-EchoServer -Id $udpServer.Id
            Wait-Job $job -Timeout 5 | Should -Not -BeNullOrEmpty
        }
        finally { $job | Remove-Job -Force }
    }
}

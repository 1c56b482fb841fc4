BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Join-Path $PSScriptRoot '../EchoNet.psd1'
    $server = Start-EchoServer -Protocol Udp
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Protocol Udp' {
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

    It 'counts datagrams and bytes' {
        $before = $server.DatagramsEchoed
        $bytes = $server.BytesEchoed
        $null = Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](1, 2, 3))
        Wait-Until { $server.DatagramsEchoed -eq $before + 1 } | Should -BeTrue
        $server.BytesEchoed | Should -Be ($bytes + 3)
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
}

Describe 'Send-UdpDatagram' {
    It 'is fire-and-forget by default' {
        $r = Send-UdpDatagram -Port $server.Port -Message 'ping'
        $r | Should -BeOfType EchoNet.UdpDatagramResult
        $r.Status | Should -Be 'Sent'
        $r.Replied | Should -BeFalse
        $r.BytesSent | Should -Be 4
    }

    It 'waits for the reply with -WaitForReply' {
        $r = Send-UdpDatagram -Port $server.Port -Message 'ping' -WaitForReply
        $r.Status | Should -Be 'Replied'
        $r.Reply | Should -Be 'ping'
        $r.RoundTripMs | Should -BeGreaterThan 0
        $r.RemoteEndPoint.Port | Should -Be $server.Port
    }

    It 'sends -Bytes byte-exact and takes messages from the pipeline' {
        $payload = New-TestBytes -Length 4000
        $r = Send-UdpDatagram -Port $server.Port -Bytes $payload -WaitForReply
        Test-SameBytes $payload $r.ReplyBytes | Should -BeTrue
        $many = 'a', 'b', 'c' | Send-UdpDatagram -Port $server.Port -WaitForReply
        $many.Reply | Should -Be @('a', 'b', 'c')
    }

    It 'sends a series with -Count and -Interval, one result each, for Measure-Object' {
        $series = Send-UdpDatagram -Port $server.Port -Message 'seq' -Count 5 -Interval 10 -WaitForReply
        $series.Count | Should -Be 5
        $series.Sequence | Should -Be @(1, 2, 3, 4, 5)
        ($series | Where-Object Replied | Measure-Object RoundTripMs -Average).Count | Should -Be 5
    }

    It 'returns NoReply, not an error, when nothing answers within -Timeout' {
        # A bound socket that never answers: the datagram is delivered and ignored.
        $mute = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $r = Send-UdpDatagram -Port $mute.Client.LocalEndPoint.Port -Message 'anyone?' -Timeout 300 -ErrorVariable errs
            $watch.Stop()
            $errs.Count | Should -Be 0
            $r.Status | Should -Be 'NoReply'
            $r.Replied | Should -BeFalse
            $r.RoundTripMs | Should -BeNullOrEmpty
            $watch.Elapsed.TotalMilliseconds | Should -BeGreaterOrEqual 290
            $watch.Elapsed.TotalMilliseconds | Should -BeLessThan 3000
        }
        finally { $mute.Dispose() }
    }

    It 'reports Refused for a closed port on loopback' {
        $closed = Start-EchoServer -Protocol Udp; $port = $closed.Port; $closed | Stop-EchoServer
        $r = Send-UdpDatagram -Port $port -Message 'hello?' -WaitForReply -Timeout 2000
        $r.Status | Should -Be 'Refused'
    }

    It 'gives each of 20 concurrent senders only its own replies' {
        $port = $server.Port
        $results = 1..20 | ForEach-Object -ThrottleLimit 20 -Parallel {
            Import-Module $using:manifest
            $me = $_
            Send-UdpDatagram -Port $using:port -Message (1..5 | ForEach-Object { "sender $me message $_" }) -WaitForReply -Timeout 3000 |
                ForEach-Object { [pscustomobject]@{ Sender = $me; Sent = $_.Message; Reply = $_.Reply } }
        }
        $results.Count | Should -Be 100
        @($results | Where-Object { $_.Sent -ne $_.Reply }).Count | Should -Be 0
    }

    It 'refuses an oversize datagram with DatagramTooLarge and sends nothing' {
        $before = $server.DatagramsEchoed
        Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Bytes ([byte[]]::new(65508)) -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'DatagramTooLarge,EchoNet.Commands.SendUdpDatagramCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Start-Sleep -Milliseconds 100
        $server.DatagramsEchoed | Should -Be $before
    }

    It 'writes Datagram events with Start-EchoServer -Wait' {
        $job = Start-WaitingServerJob -Protocol Udp
        try {
            $udpServer = $job.Output[0]
            $null = Send-UdpDatagram -Port $udpServer.Port -Message 'evt' -WaitForReply
            Wait-Until { @($job.Output | Where-Object Kind -EQ 'Datagram').Count -ge 1 } | Should -BeTrue
            ($job.Output | Where-Object Kind -EQ 'Datagram')[0].Bytes | Should -Be 3
            Stop-EchoServer -Id $udpServer.Id
            Wait-Job $job -Timeout 5 | Should -Not -BeNullOrEmpty
        }
        finally { $job | Remove-Job -Force }
    }
}

# Send-UdpDatagram against EchoNet's UDP server and raw .NET peers.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest
    $server = Start-EchoServer -Protocol Udp
}

AfterAll { Stop-EchoServer -All }

Describe 'Send-UdpDatagram' -Tag 'Engine' {
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
        $r = Send-UdpDatagram -Port (Get-ClosedPort -Protocol Udp) -Message 'hello?' -WaitForReply -Timeout 2000
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
        # A raw peer: the first datagram it receives must be the one sent after the oversize one.
        $peer = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $peer.Client.ReceiveTimeout = 5000
            $port = $peer.Client.LocalEndPoint.Port
            Send-UdpDatagram -ComputerName 127.0.0.1 -Port $port -Bytes ([byte[]]::new(65508)) -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'DatagramTooLarge,EchoNet.Commands.SendUdpDatagramCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $null = Send-UdpDatagram -ComputerName 127.0.0.1 -Port $port -Message 'after'
            $from = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
            [Text.Encoding]::UTF8.GetString($peer.Receive([ref]$from)) | Should -Be 'after'
        }
        finally { $peer.Dispose() }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -AllowedClient / -DeniedClient' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'closes a denied TCP client at once and counts it' {
        $server = Start-EchoServer -DeniedClient 127.0.0.1
        $client = Connect-TestClient -Port $server.Port
        try {
            (Read-UntilClosed -Client $client).Length | Should -Be 0
            Wait-Until { $server.ClientsDenied -eq 1 } | Should -BeTrue
            $server.ConnectionsAccepted | Should -Be 0
        }
        finally { $client.Dispose() }
    }

    It 'admits only clients in an allowed range' {
        $server = Start-EchoServer -AllowedClient 10.0.0.0/8, 192.168.0.0/16
        $client = Connect-TestClient -Port $server.Port
        try {
            (Read-UntilClosed -Client $client).Length | Should -Be 0
            Wait-Until { $server.ClientsDenied -eq 1 } | Should -BeTrue
        }
        finally { $client.Dispose() }
        $open = Start-EchoServer -AllowedClient 127.0.0.0/8
        (Send-TcpMessage -Port $open.Port -ComputerName 127.0.0.1 -Message 'in range').Reply | Should -Be 'in range'
    }

    It 'lets deny win over allow' {
        $server = Start-EchoServer -AllowedClient 127.0.0.0/8 -DeniedClient 127.0.0.1/32
        # Denied: the server closes the connection without echoing a byte.
        $r = Send-TcpMessage -Port $server.Port -ComputerName 127.0.0.1 -Message x -Timeout 1000 -ErrorAction SilentlyContinue
        $r.BytesReceived | Should -Be 0
        # The server closes at once: the read ends at that close, or (when the close comes first)
        # the send itself meets the closed connection and nothing is read. Never a reply.
        $r.ReplyEnd | Should -BeIn 'Closed', 'NotRead'
        Wait-Until { $server.ClientsDenied -ge 1 } | Should -BeTrue
    }

    It 'filters IPv6 clients by IPv6 ranges' {
        $server = Start-EchoServer -Address ::1 -DeniedClient '::1/128'
        $r = Send-TcpMessage -Port $server.Port -ComputerName ::1 -Message x -Timeout 1000 -ErrorAction SilentlyContinue
        $r.BytesReceived | Should -Be 0
        # The server closes at once: the read ends at that close, or (when the close comes first)
        # the send itself meets the closed connection and nothing is read. Never a reply.
        $r.ReplyEnd | Should -BeIn 'Closed', 'NotRead'
        Wait-Until { $server.ClientsDenied -ge 1 } | Should -BeTrue
        $allowed = Start-EchoServer -Address ::1 -AllowedClient '::1'
        (Send-TcpMessage -Port $allowed.Port -ComputerName ::1 -Message v6).Reply | Should -Be 'v6'
    }

    It 'drops UDP datagrams from denied clients and counts them' {
        $server = Start-EchoServer -Protocol Udp -DeniedClient 127.0.0.0/8
        $r = Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Message 'let me in' -Timeout 300
        $r.Status | Should -Be 'NoReply'
        Wait-Until { $server.ClientsDenied -eq 1 } | Should -BeTrue
        $server.DatagramsEchoed | Should -Be 0
    }

    It 'rejects <Range> with InvalidClientRange' -ForEach @(
        @{ Range = '10.0.0.0/33' }, @{ Range = 'not-an-ip' }, @{ Range = '::1/129' }, @{ Range = '1.2.3.4/x' }
    ) {
        $err = { Start-EchoServer -AllowedClient $Range } | Should -Throw -ErrorId 'InvalidClientRange,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Range
    }

    It 'shows its lists on the server object' {
        $server = Start-EchoServer -AllowedClient 127.0.0.0/8 -DeniedClient 127.0.0.2
        $server.AllowedClient | Should -Be @('127.0.0.0/8')
        $server.DeniedClient | Should -Be @('127.0.0.2')
    }
}

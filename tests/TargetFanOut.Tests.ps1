# Many targets at once must never give a false "closed": the conversations block while they
# connect and read, so they run on threads of their own and never starve the thread pool that
# completes their sockets (issue 13 item 4: 579 of 1,000 healthy targets read as closed).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'Send-TcpMessage over many targets' -Tag 'Engine' {
    BeforeAll {
        $server = Start-EchoServer -Port 0 -MaxConnections 5000
    }
    AfterAll {
        $server | Stop-EchoServer
    }

    It 'connects to 1,000 healthy loopback targets at -ThrottleLimit 1024 with no false failure' {
        $targets = @('127.0.0.1') * 1000
        $results = @(Send-TcpMessage -ComputerName $targets -Port $server.Port -NoReply -Timeout 10000 -ThrottleLimit 1024 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1000
        @($results | Where-Object { -not $_.Connected }).Count | Should -Be 0 -Because "every target listens: $(@($failures)[0])"
        $failures.Count | Should -Be 0
    }

    It 'exchanges a message with 50 targets at once, every reply complete' {
        $targets = @('127.0.0.1') * 50
        $results = @('ping' | Send-TcpMessage -ComputerName $targets -Port $server.Port -Timeout 10000 -ThrottleLimit 50 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures.Count | Should -Be 0 -Because "$(@($failures)[0])"
        $results.Count | Should -Be 50
        @($results | Where-Object Reply -NE 'ping').Count | Should -Be 0
    }
}

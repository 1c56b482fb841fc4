# Targets: "host:port" in -ComputerName, -Port completion, failed targets visible in the default
# view, errors naming host and port, and -Verbose on every client cmdlet.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $server = Start-EchoServer -Address 127.0.0.1, ::1 -Protocol Tcp, Udp
    $closed = Start-EchoServer; $closedPort = $closed.Port; $closed | Stop-EchoServer
}

AfterAll {
    Get-TcpSession | Disconnect-TcpSession
    Stop-EchoServer -All
}

Describe 'host:port in -ComputerName' -Tag 'Engine' {
    It 'accepts <Name> when -Port is not given' -ForEach @(
        @{ Name = '127.0.0.1:port'; Text = '127.0.0.1:{0}'; Address = '127.0.0.1' }
        @{ Name = '[::1]:port'; Text = '[::1]:{0}'; Address = '::1' }
        @{ Name = 'localhost:port'; Text = 'localhost:{0}'; Address = $null }
    ) {
        $r = Send-TcpMessage -ComputerName ($Text -f $server.Port) -Message 'hp'
        $r.Reply | Should -Be 'hp'
        $r.Port | Should -Be $server.Port
        if ($Address) { $r.RemoteEndPoint.Address.ToString() | Should -Be $Address }
        $u = Send-UdpDatagram -ComputerName ($Text -f $server.Port) -Message 'hp' -WaitForReply
        $u.Reply | Should -Be 'hp'
    }

    It 'takes a bare IPv6 literal as a host, not as host:port' {
        (Send-TcpMessage -ComputerName '::1' -Port $server.Port -Message 'v6').RemoteEndPoint.Address.ToString() | Should -Be '::1'
    }

    It '<Command> says <Id> (InvalidArgument) for <Case>, as every client cmdlet does' -ForEach @(
        foreach ($command in 'Send-TcpMessage', 'Send-UdpDatagram', 'Connect-TcpSession', 'Enter-TcpSession', 'Test-TcpPort', 'Wait-TcpPort', 'Measure-Throughput') {
            @{ Command = $command; Case = 'no port anywhere'; Id = 'PortMissing'; Extra = @{}; Name = '127.0.0.1' }
            @{ Command = $command; Case = 'a port in both places'; Id = 'PortGivenTwice'; Extra = @{ Port = 7 }; Name = '127.0.0.1:7' }
            @{ Command = $command; Case = 'a port out of range'; Id = 'PortOutOfRange'; Extra = @{}; Name = '127.0.0.1:70000' }
            @{ Command = $command; Case = 'a URL'; Id = 'UrlNotAccepted'; Extra = @{}; Name = 'tcp://127.0.0.1:7201' }
        }
    ) {
        $r = & $Command -ComputerName $Name @Extra -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,EchoNet.Commands.*"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be $Name
    }

    It 'says a URL is not a target, and what to write instead' {
        $null = Send-TcpMessage -ComputerName 'tcp://localhost:7201/x' -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike "*'tcp://localhost:7201/x' is a URL*'localhost:7201'*"
    }

    It 'names a refused address once when the target is that address, twice only when a name was resolved' {
        $closed = Get-ClosedPort
        $null = Send-TcpMessage -ComputerName 127.0.0.1 -Port $closed -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike "Cannot connect to 127.0.0.1:$closed*"
        $errs[0].Exception.Message | Should -Not -BeLike "*(127.0.0.1:$closed)*"
        $null = Send-TcpMessage -ComputerName localhost -Port $closed -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[-1].Exception.Message | Should -BeLike "Cannot connect to localhost:$closed (*:$closed)*"
    }

    It 'Send-TcpMessage goes on with the other hosts after one that gives no target' {
        $r = Send-TcpMessage -ComputerName '127.0.0.1', "127.0.0.1:$($server.Port)" -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'PortMissing,EchoNet.Commands.SendTcpMessageCommand'
        $r.Reply | Should -Be 'x'
    }

    It '<Command> warns that -SkipCertificateCheck and -ServerName only matter with -UseTls' -ForEach @(
        @{ Command = 'Send-TcpMessage' }, @{ Command = 'Connect-TcpSession' }, @{ Command = 'Enter-TcpSession' }, @{ Command = 'Test-TcpPort' }
    ) {
        # No port: the command ends at PortMissing, so nothing goes on the network.
        $null = & $Command -ComputerName 127.0.0.1 -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        "$warnings" | Should -BeLike '*only matter with -UseTls*'
    }

    It 'Connect-TcpSession takes host:port too' {
        $s = Connect-TcpSession "[::1]:$($server.Port)"
        try { $s.RemoteEndPoint.Address.ToString() | Should -Be '::1' }
        finally { $s | Disconnect-TcpSession }
    }
}

Describe 'Failed targets' -Tag 'Engine' {
    It 'shows a failed connect test in the default view (Status), not as a success' {
        $text = Send-TcpMessage -ComputerName 127.0.0.1 -Port $closedPort -NoReply -Timeout 500 | Out-String
        $text | Should -Match 'ConnectionRefused'
        $text | Should -Match "127\.0\.0\.1:$closedPort"
    }

    It 'names host and port in every kind of client error: <Kind>' -ForEach @(
        @{ Kind = 'refused'; Run = { Send-TcpMessage -ComputerName 127.0.0.1 -Port $closedPort -Message x -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null; $e } }
        @{ Kind = 'unknown host'; Run = { Send-TcpMessage -ComputerName 'no-such-host.invalid' -Port 7 -Message x -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null; $e } }
        @{ Kind = 'session connect'; Run = { Connect-TcpSession -ComputerName 127.0.0.1 -Port $closedPort -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null; $e } }
        @{ Kind = 'UDP'; Run = { Send-UdpDatagram -ComputerName 'no-such-host.invalid' -Port 7 -Message x -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null; $e } }
    ) {
        $errs = & $Run
        $errs.Count | Should -BeGreaterThan 0
        $errs[0].TargetObject | Should -Match ':\d+$'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($errs[0].TargetObject))
    }
}

Describe 'Tab completion of -Port' {
    It 'completes the ports of running servers for <Command>' -ForEach @(
        @{ Command = 'Send-TcpMessage' }, @{ Command = 'Send-UdpDatagram' }, @{ Command = 'Connect-TcpSession' }
    ) {
        $line = "$Command -ComputerName localhost -Port "
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain ([string]$server.Port)
    }

    It 'offers only UDP servers to Send-UdpDatagram' {
        $tcpOnly = Start-EchoServer -Protocol Tcp
        try {
            $line = 'Send-UdpDatagram -Port '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Not -Contain ([string]$tcpOnly.Port)
            $line = 'Send-TcpMessage -Port '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain ([string]$tcpOnly.Port)
        }
        finally { $tcpOnly | Stop-EchoServer }
    }

    It 'completes -Id of the session cmdlets with open sessions' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        try {
            foreach ($command in 'Get-TcpSession', 'Disconnect-TcpSession') {
                $line = "$command -Id "
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain ([string]$s.Id)
            }
        }
        finally { $s | Disconnect-TcpSession }
    }
}

Describe '-Verbose' -Tag 'Engine' {
    It 'Send-TcpMessage says what it resolved, tried, sent and how the reply ended' {
        $lines = @(Send-TcpMessage -ComputerName localhost -Port $server.Port -Message "a`nb`n" -Terminator "`n" -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ($lines -join "`n") | Should -Match 'localhost resolved to'
        ($lines -join "`n") | Should -Match "Connected to localhost:$($server.Port)"
        ($lines -join "`n") | Should -Match 'Sent 4 bytes .* reply of 2 bytes ended by Terminator'
    }

    It 'reports each address tried and its outcome' {
        $lines = @(Send-TcpMessage -ComputerName 127.0.0.1 -Port $closedPort -Message x -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ($lines -join "`n") | Should -Match "Trying 127\.0\.0\.1:$closedPort.*refused"
    }

    It 'is silent without -Verbose' {
        @(Send-TcpMessage -Port $server.Port -Message x 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
    }

    It '<Command> writes verbose lines' -ForEach @(
        @{ Command = 'Send-UdpDatagram'; Run = { Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Message u -WaitForReply -Verbose 4>&1 }; Pattern = 'Datagram 1 of 1 bytes' }
        @{ Command = 'Connect-TcpSession'; Run = { $script:s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port -Verbose 4>&1; $script:s }; Pattern = 'Session \d+ open' }
        @{ Command = 'Receive-TcpMessage'; Run = {
                $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
                $null = Send-TcpMessage -Session $s -Message "p`nq`n" -Terminator "`n"
                Receive-TcpMessage -Session $s -Terminator "`n" -Verbose 4>&1
                $s | Disconnect-TcpSession } ; Pattern = 'reply of 2 bytes ended by Terminator' }
        @{ Command = 'Disconnect-TcpSession'; Run = { Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port | Disconnect-TcpSession -Verbose 4>&1 }; Pattern = 'Closed session' }
        @{ Command = 'Get-TcpSession'; Run = { Get-TcpSession -Verbose 4>&1 }; Pattern = 'open session' }
        @{ Command = 'Test-TcpPort'; Run = { Test-TcpPort -ComputerName 127.0.0.1 -Port $server.Port -Count 1 -Verbose 4>&1 }; Pattern = "(?s)127\.0\.0\.1:\d+: probing 127\.0\.0\.1.*Warm-up probe of" }
        @{ Command = 'Wait-TcpPort'; Run = { Wait-TcpPort -ComputerName 127.0.0.1 -Port $server.Port -Verbose 4>&1 }; Pattern = 'accepted attempt 1' }
        @{ Command = 'Measure-Throughput'; Run = { Measure-Throughput -ComputerName 127.0.0.1 -Port $server.Port -Size 1000 -Verbose 4>&1 }; Pattern = '1 of 1 connections open; echo test starts' }
    ) {
        $lines = @(& $Run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ($lines -join "`n") | Should -Match $Pattern
    }
}

# The smaller things from a netcat user's first hour (issue 23 item 9): completion, the greeting
# read before the first message, Receive-TcpMessage -Id, a -Wait that finds nothing saying so,
# Error shown once. Peers: tests/peers/line_peer.py (Python). Loopback only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-Completion {
        param([string] $Line)
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Send-TcpMessage -ReadGreeting' -Skip:(-not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)) {
    It 'reads the banner first, so each reply lines up with its message' {
        $peer = Start-LinePeer
        try { $r = "hello`n", "world`n" | Send-TcpMessage 127.0.0.1 $peer.Port -ReadGreeting -Terminator "`n" }
        finally { Stop-LinePeer $peer }
        $r.Reply | Should -Be "220 ready`n", "250 hello`n", "250 world`n"
        $r.Message | Should -Be $null, "hello`n", "world`n"
    }
}

Describe 'Receive-TcpMessage -Id' -Skip:(-not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)) {
    It 'reads from the session with that Id, and says when there is none' {
        $peer = Start-LinePeer
        $session = Connect-TcpSession 127.0.0.1 $peer.Port
        try {
            (Receive-TcpMessage -Id $session.Id -Terminator "`n").Reply | Should -Be "220 ready`n"
            $null = Receive-TcpMessage -Id 987654 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'TcpSessionNotFound,*'
        }
        finally { $session | Disconnect-TcpSession; Stop-LinePeer $peer }
    }
}

Describe 'Receive-EchoServerEvent -Wait -Timeout that finds nothing' {
    It 'says so under -Verbose' {
        $server = Start-EchoServer -Port 0 -Record
        try { $all = Receive-EchoServerEvent -Id $server.Id -Wait -Timeout 300 -Verbose 4>&1 }
        finally { $server | Stop-EchoServer }
        @($all | Where-Object { $_ -is [EchoNet.EchoServerEvent] }).Count | Should -Be 0
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'No event arrived within 300 ms.'
    }
}

Describe 'The list view of a failed result' {
    It 'shows Error once' {
        $r = Send-TcpMessage 127.0.0.1 (Get-ClosedPort) -Message x -ErrorAction SilentlyContinue
        $lines = ($r | Format-List | Out-String -Width 200) -split "`n" | Where-Object { $_ -match '^Error\s+:' }
        $lines.Count | Should -Be 1
    }
}

Describe 'Completion' {
    BeforeAll {
        $script:server = Start-EchoServer -Port 0 -Protocol Udp
        $script:session = $null
        $script:tcp = Start-EchoServer -Port 0
        $script:session = Connect-TcpSession localhost $tcp.Port
    }
    AfterAll { $session | Disconnect-TcpSession; $server, $tcp | Stop-EchoServer }

    It 'Get-EchoServer -Port offers the ports of every running server, UDP too' {
        Get-Completion 'Get-EchoServer -Port ' | Should -Contain "$($server.Port)"
    }

    It 'Start-EchoServer -Address offers loopback and every interface' {
        $offered = Get-Completion 'Start-EchoServer -Address '
        $offered | Should -Contain '127.0.0.1'
        $offered | Should -Contain '*'
        $offered | Should -Contain '::1'
    }

    It '<Command> -ComputerName offers localhost and running servers as host:port' -ForEach @(
        @{ Command = 'Send-TcpMessage' }, @{ Command = 'Connect-TcpSession' }, @{ Command = 'Enter-TcpSession' }
    ) {
        Get-Completion "$Command -ComputerName loc" | Should -Contain 'localhost'
        Get-Completion "$Command -ComputerName localhost:" | Should -Contain "localhost:$($tcp.Port)"
    }

    It '<Command> -Session offers the open sessions as expressions that bind' -ForEach @(
        @{ Command = 'Send-TcpMessage' }, @{ Command = 'Receive-TcpMessage' }, @{ Command = 'Enter-TcpSession' }, @{ Command = 'Disconnect-TcpSession' }
    ) {
        $offered = Get-Completion "$Command -Session "
        $offered | Should -Contain "(Get-TcpSession -Id $($session.Id))"
        (Invoke-Expression "(Get-TcpSession -Id $($session.Id))").Id | Should -Be $session.Id
    }
}

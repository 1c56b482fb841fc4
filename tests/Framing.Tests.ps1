# Exact reply framing against real peers: EchoNet's echo server and a Python line-protocol
# peer that greets first (tests/peers/line_peer.py). Replies are cut at the first terminator or
# at exactly -ReplyLength bytes; surplus bytes begin the next reply; none is dropped.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $server = Start-EchoServer
    $peer = Start-LinePeer
}

AfterAll {
    Stop-LinePeer $peer
    Stop-EchoServer -All
}

Describe 'Reply framing' -Tag 'Engine' {
    It 'cuts at the first terminator and carries the rest to the next reply' {
        $r = "a`nb", "c`n" | Send-TcpMessage -Port $server.Port -Terminator "`n" -Timeout 3000
        $r.Count | Should -Be 2
        $r[0].Reply | Should -BeExactly "a`n"
        $r[0].ReplyEnd | Should -Be 'Terminator'
        $r[1].Reply | Should -BeExactly "bc`n"
        $r[1].ReplyEnd | Should -Be 'Terminator'
    }

    It 'gives each of two lines sent as one message its own reply, the second to the next message' {
        $r = "a`nb`n", "c`n", "d`n" | Send-TcpMessage -Port $server.Port -Terminator "`n" -Timeout 3000
        $r[0..2].Reply | Should -BeExactly @("a`n", "b`n", "c`n")
        # The echo of "d`n" is returned as a Leftover result if it had arrived when the
        # conversation ended; never as a wrong reply, never lost once read.
        if ($r.Count -gt 3) {
            $r.Count | Should -Be 4
            $r[3].ReplyEnd | Should -Be 'Leftover'
            $r[3].Reply | Should -BeExactly "d`n"
        }
    }

    It 'reads exactly -ReplyLength bytes, the surplus beginning the next reply' {
        $r = 'abcdef', 'gh', 'i' | Send-TcpMessage -Port $server.Port -ReplyLength 3 -Timeout 3000
        $r.Count | Should -Be 3
        $r.Reply | Should -BeExactly @('abc', 'def', 'ghi')
        $r.ReplyEnd | Should -Be @('Length', 'Length', 'Length')
    }

    It 'returns bytes no reply took as a Leftover result when the conversation ends' {
        $r = "TWO`n", "x`n" | Send-TcpMessage -ComputerName 127.0.0.1 -Port $peer.Port -Terminator "`n" -Timeout 3000
        # The greeting answers TWO and "one" answers x; "two" came in the same segment as "one",
        # so it was read and is handed back (with "250 x" if that had arrived too).
        $r[0..1].Reply | Should -BeExactly @("220 ready`n", "one`n")
        $r[2].ReplyEnd | Should -Be 'Leftover'
        $r[2].Reply | Should -BeLike "two`n*"
        $r[2].Message | Should -BeNullOrEmpty
    }

    It 'with no message, grabs the banner of a server that speaks first' {
        $r = Send-TcpMessage -ComputerName 127.0.0.1 -Port $peer.Port -Timeout 3000
        $r.Reply | Should -BeExactly "220 ready`n"
        $r.ReplyEnd | Should -Be 'Quiet'
        $r.BytesSent | Should -Be 0
    }

    It 'grabs the banner up to -Terminator, so the replies to messages stay in step' {
        $r = Send-TcpMessage -ComputerName 127.0.0.1 -Port $peer.Port -Terminator "`n" -Timeout 3000
        $r.Reply | Should -BeExactly "220 ready`n"
    }

    It 'takes two lines that arrive in one segment as two replies' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            (Receive-TcpMessage -Session $s -Terminator "`n").Reply | Should -BeExactly "220 ready`n"
            (Send-TcpMessage -Session $s -Message "TWO`n" -Terminator "`n").Reply | Should -BeExactly "one`n"
            $s.BufferedBytes | Should -Be 4
            $second = Receive-TcpMessage -Session $s -Terminator "`n" -Timeout 2000
            $second.Reply | Should -BeExactly "two`n"
            $second.BytesSent | Should -Be 0
            $s.BufferedBytes | Should -Be 0
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'joins a line split across segments into one reply' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            $null = Receive-TcpMessage -Session $s -Terminator "`n"
            $r = Send-TcpMessage -Session $s -Message "SPLIT`n" -Terminator "`n" -Timeout 3000
            $r.Reply | Should -BeExactly "hello`n"
            $r.ReplyEnd | Should -Be 'Terminator'
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'bounds every reply by -MaxReplyBytes (ReplyTooLarge) and closes the session clearly' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            $null = Receive-TcpMessage -Session $s -Terminator "`n"
            $r = Send-TcpMessage -Session $s -Message "BIG 16777216`n" -Terminator "`n" -MaxReplyBytes 65536 -Timeout 10000 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'ReplyTooLarge,EchoNet.Commands.SendTcpMessageCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $errs[0].Exception.Message | Should -BeLike "*127.0.0.1:$($peer.Port)*"
            $r.Status | Should -Be 'ReplyTooLarge'
            $s.State | Should -Be 'Closed'
            Send-TcpMessage -Session $s -Message "x`n" -ErrorVariable closedErrs -ErrorAction SilentlyContinue | Out-Null
            $closedErrs[0].FullyQualifiedErrorId | Should -Be 'SessionClosed,EchoNet.Commands.SendTcpMessageCommand'
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'bounds a reply under the default rule as well' {
        $payload = New-TestBytes -Length 100000
        $r = Send-TcpMessage -Port $server.Port -Bytes $payload -MaxReplyBytes 1000 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'ReplyTooLarge,EchoNet.Commands.SendTcpMessageCommand'
    }
}

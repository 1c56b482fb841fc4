# Sessions when things go wrong (issue 26 items 1, 7, 8, 9, 13; issue 23 item 8), against peers that
# are not EchoNet: tests/peers/StallingPeer.cs (raw .NET, plain or TLS with a throwaway certificate)
# and raw .NET listeners. A message that times out mid-send closes the session (a reset), so the
# stream never goes out of step; counters say what really left.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Add-Type -Path (Join-Path $PSScriptRoot 'peers/StallingPeer.cs')
    $certificate = New-TestCertificate

    function Connect-Peer {
        # A session to $Peer, with TLS when $Tls.
        param($Peer, [bool] $Tls)
        if ($Tls) { Connect-TcpSession -ComputerName localhost -Port $Peer.Port -UseTls -SkipCertificateCheck }
        else { Connect-TcpSession -ComputerName 127.0.0.1 -Port $Peer.Port }
    }
}

AfterAll {
    Disconnect-TcpSession -All
}

Describe 'A send that times out mid-message on a session' {
    It 'closes the session (<Name>): the next message fails as out of step, nothing is glued, counts are what left' -TestCases @(
        @{ Name = 'plain TCP'; Tls = $false; Slack = 0 }
        # A TLS write still completing when the connection is reset may have left as well: at most one record.
        @{ Name = 'TLS'; Tls = $true; Slack = 16KB }
    ) {
        param($Tls, $Slack)
        $peer = [StallingPeer]::new($(if ($Tls) { $certificate } else { $null }), 20000)
        try {
            $s = Connect-Peer $peer $Tls
            $big = [byte[]]::new(16MB)
            $first = Send-TcpMessage -Session $s -Bytes $big -NoReply -Timeout 300 -ErrorVariable e1 -ErrorAction SilentlyContinue
            $e1[0].FullyQualifiedErrorId | Should -Be 'Timeout,EchoNet.Commands.SendTcpMessageCommand'
            $e1[0].Exception.Message | Should -BeLike '*of 16777216 bytes were sent*closed*'
            $first.BytesSent | Should -BeGreaterThan 0 -Because 'the kernel buffers take some before the peer stalls them'
            $first.BytesSent | Should -BeLessThan 16MB
            $s.BytesSent | Should -Be $first.BytesSent
            $s.State | Should -Be 'Closed'

            $peer.Release()
            $second = Send-TcpMessage -Session $s -Message 'x' -NoReply -Timeout 3000 -ErrorVariable e2 -ErrorAction SilentlyContinue
            $e2[0].FullyQualifiedErrorId | Should -Be 'SessionClosed,EchoNet.Commands.SendTcpMessageCommand'
            $e2[0].Exception.Message | Should -BeLike '*out of step*'
            $e2[0].Exception.Message | Should -Not -BeLike '*No reply*'
            $second.BytesSent | Should -Be 0
            $s.BytesSent | Should -Be $first.BytesSent

            $peer.Wait(15000) | Should -BeTrue -Because 'the reset ends the peer''s read'
            $peer.Received | Should -BeLessOrEqual ($first.BytesSent + $Slack) -Because 'no byte of another message may follow the truncated one'
        }
        finally {
            $s | Disconnect-TcpSession
            $peer.Dispose()
        }
    }
}

Describe 'Counters and state that tell the truth' {
    BeforeEach {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
    }
    AfterEach { $listener.Stop() }

    It 'BytesSent counts a message that then timed out waiting for its reply (issue 23 item 8)' {
        $r = Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -Message 'thirteen byte' -Timeout 300 -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Timeout'
        $r.BytesSent | Should -Be 13
        $peer = $listener.AcceptSocket()
        try {
            $peer.ReceiveTimeout = 5000
            $got = [byte[]]::new(64)
            [System.Text.Encoding]::ASCII.GetString($got, 0, $peer.Receive($got)) | Should -BeExactly 'thirteen byte'
        }
        finally { $peer.Dispose() }
    }

    It 'BytesSent counts a message whose reply went over -MaxReplyBytes (issue 23 item 8)' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $port
        $peer = $listener.AcceptSocket()
        try {
            $flood = $peer.SendAsync([System.ArraySegment[byte]]::new([byte[]]::new(2MB)), 'None')
            $r = Send-TcpMessage -Session $s -Message 'hello' -MaxReplyBytes 1MB -Timeout 5000 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'ReplyTooLarge,EchoNet.Commands.SendTcpMessageCommand'
            $r.BytesSent | Should -Be 5
            $s.BytesSent | Should -Be 5
        }
        finally {
            $s | Disconnect-TcpSession
            $peer.Dispose()
        }
    }

    It 'State turns Closed when the peer <How>, with nothing read since; Get-TcpSession leaves it out unless -IncludeClosed (issue 26 item 8)' -TestCases @(
        @{ How = 'closes'; Reset = $false }
        @{ How = 'resets'; Reset = $true }
    ) {
        param($Reset)
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $port
        try {
            (Get-TcpSession).Id | Should -Contain $s.Id
            $peer = $listener.AcceptSocket()
            if ($Reset) { $peer.LingerState = [System.Net.Sockets.LingerOption]::new($true, 0) }
            $peer.Close()
            Wait-Until -TimeoutMs 5000 { $s.State -eq 'Closed' } | Should -BeTrue
            (Get-TcpSession).Id | Should -Not -Contain $s.Id
            (Get-TcpSession -IncludeClosed).Id | Should -Contain $s.Id
            (Get-TcpSession -Id $s.Id).Id | Should -Be $s.Id
        }
        finally { $s | Disconnect-TcpSession }
        (Get-TcpSession -IncludeClosed).Id | Should -Not -Contain $s.Id
    }

    It 'State turns Closed when a TLS peer sends close_notify and closes, with nothing read since' {
        $tlsPeer = [StallingPeer]::new($certificate, 20000)
        try {
            $s = Connect-Peer $tlsPeer $true
            $s.State | Should -Be 'Open'
            $tlsPeer.HangUp()
            $tlsPeer.Wait(10000) | Should -BeTrue
            Wait-Until -TimeoutMs 5000 { $s.State -eq 'Closed' } | Should -BeTrue
            (Get-TcpSession).Id | Should -Not -Contain $s.Id
        }
        finally {
            $s | Disconnect-TcpSession
            $tlsPeer.Dispose()
        }
    }
}

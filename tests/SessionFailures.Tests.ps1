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
    Get-TcpSession -IncludeClosed | Disconnect-TcpSession
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
            $peer.Ended | Should -Be 'Reset' -Because 'the peer must see a failure, not a truncated message that ends cleanly'
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

Describe 'Error kinds and counts (issue 26 item 13)' {
    It 'a session closed from another runspace while a command waits on it gives SessionClosed to that command (<Name>)' -TestCases @(
        @{ Name = 'plain TCP'; Tls = $false }
        @{ Name = 'TLS'; Tls = $true }
    ) {
        param($Tls)
        $peer = [StallingPeer]::new($(if ($Tls) { $certificate } else { $null }), 20000)
        try {
            $s = Connect-Peer $peer $Tls
            $id = $s.Id
            $manifest = Get-EchoNetManifest
            $job = Start-ThreadJob -ScriptBlock {
                Import-Module $using:manifest
                Receive-TcpMessage -Session (Get-TcpSession -Id $using:id) -Terminator '#' -Timeout 15000 -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
                $e | ForEach-Object { $_.FullyQualifiedErrorId + ' | ' + $_.Exception.Message }
            }
            try {
                # Held by the job: a look from here is refused as busy.
                Wait-Until -TimeoutMs 60000 -IntervalMs 100 {
                    Receive-TcpMessage -Session $s -Timeout 1 -ErrorVariable busy -ErrorAction SilentlyContinue | Out-Null
                    [bool]($busy | Where-Object FullyQualifiedErrorId -Like 'SessionBusy,*')
                } | Should -BeTrue -Because 'the job must load the module and hold the session'
                $s | Disconnect-TcpSession
                $errors = @($job | Wait-Job -Timeout 20 | Receive-Job)
                $errors.Count | Should -Be 1
                $errors[0] | Should -BeLike 'SessionClosed,*closed on this side*while this command was using it*'
            }
            finally { $job | Remove-Job -Force }
            # And every use afterwards says the same, never busy.
            Send-TcpMessage -Session $s -Message 'x' -ErrorVariable after -ErrorAction SilentlyContinue | Out-Null
            $after[0].FullyQualifiedErrorId | Should -Be 'SessionClosed,EchoNet.Commands.SendTcpMessageCommand'
        }
        finally {
            $s | Disconnect-TcpSession
            $peer.Dispose()
        }
    }

    It 'a send the peer resets counts what left and says why in words' {
        $python = Get-PythonPath
        if (-not $python) { Set-ItResult -Skipped -Because 'python3 is not installed'; return }
        # A Python peer (tests/peers/reset_after_read.py) reads 64 KiB, then resets while the client is still writing.
        $info = [System.Diagnostics.ProcessStartInfo]::new($python, @('-u', (Join-Path $PSScriptRoot 'peers/reset_after_read.py'), '65536'))
        $info.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $line = $process.StandardOutput.ReadLineAsync()
            $line.Wait(10000) | Should -BeTrue
            $r = Send-TcpMessage -ComputerName 127.0.0.1 -Port ([int]$line.Result) -Bytes ([byte[]]::new(64MB)) -NoReply -Timeout 10000 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be 'ConnectionReset,EchoNet.Commands.SendTcpMessageCommand'
            $errs[0].Exception.Message | Should -Not -Match 'failed: [A-Za-z]+\.$' -Because 'a socket error is said in words, not as its enum name'
            $errs[0].Exception.Message | Should -Match 'reset|broken pipe'
            $r.BytesSent | Should -BeGreaterOrEqual 65536 -Because 'the peer read 64 KiB before it reset'
            $r.BytesSent | Should -BeLessThan 64MB
        }
        finally {
            if (-not $process.WaitForExit(10000)) { $process.Kill() }
            $process.Dispose()
        }
    }
}

Describe 'Receive buffers (issue 26 item 7)' {
    It 'a reply over -MaxReplyBytes grows the buffer to the limit plus one read at most, and a session it closed holds none of it' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $limit = 32MB
        $flood = [byte[]]::new($limit + 2MB)
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port
        $peer = $listener.AcceptSocket()
        try {
            $null = $peer.SendAsync([System.ArraySegment[byte]]::new($flood), 'None')
            $heapBefore = [GC]::GetTotalMemory($true)
            $allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
            Receive-TcpMessage -Session $s -MaxReplyBytes $limit -Timeout 20000 -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
            $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
            $errs[0].FullyQualifiedErrorId | Should -Be 'ReplyTooLarge,EchoNet.Commands.ReceiveTcpMessageCommand'
            # Doubling from 4 KiB allocates about 2 x 32 MiB on the way; the last array is the limit
            # plus one read (64 KiB) when capped, 64 MiB when it doubles past the limit.
            $allocated | Should -BeLessThan (3.5 * $limit) -Because "growth stops at the limit plus one read (allocated $allocated bytes)"
            $s.State | Should -Be 'Closed'
            $held = [GC]::GetTotalMemory($true) - $heapBefore
            $held | Should -BeLessThan 8MB -Because "the closed session (still referenced) must not keep its buffer ($held bytes held)"
        }
        finally {
            $s | Disconnect-TcpSession
            $peer.Dispose()
            $listener.Stop()
        }
    }
}

Describe 'Sessions never disconnected (issue 26 item 9)' {
    It 'Connect-TcpSession warns when 256 sessions are held, not before' {
        Disconnect-TcpSession -All
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(600)
        try {
            $target = "127.0.0.1:$($listener.LocalEndpoint.Port)"
            $first = @(1..255 | ForEach-Object { [pscustomobject]@{ ComputerName = $target } } | Connect-TcpSession -WarningVariable early -WarningAction SilentlyContinue)
            $first.Count | Should -Be 255
            $early.Count | Should -Be 0
            $last = Connect-TcpSession $target -WarningVariable warned -WarningAction SilentlyContinue
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -BeLike '256 TCP sessions are held*Disconnect-TcpSession*'
        }
        finally {
            Disconnect-TcpSession -All
            $listener.Stop()
        }
    }
}

Describe 'Small things (issue 26 item 14)' {
    It 'Enter-TcpSession -Session with a closed session gives SessionClosed and shows nothing else' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $child = Invoke-ChildPwsh -TimeoutSeconds 120 -Arguments '-Command', @"
Import-Module '$(Get-EchoNetManifest)'
`$s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $($listener.LocalEndpoint.Port)
`$null = `$s | Disconnect-TcpSession
Enter-TcpSession -Session `$s -ErrorVariable e -ErrorAction SilentlyContinue
"id=`$(`$e[0].FullyQualifiedErrorId)"
"@
            $child.Output | Should -Match 'id=SessionClosed,EchoNet.Commands.EnterTcpSessionCommand'
            $child.Output | Should -Not -Match 'Connected to'
        }
        finally { $listener.Stop() }
    }

    It 'Receive-EchoServerEvent -Timeout -1 is accepted as wait forever' {
        $server = Start-EchoServer -Record
        try {
            $client = Connect-TestClient -Port $server.Port
            try {
                $client.Client.Send([byte[]](104, 105)) | Should -Be 2
                $events = Receive-EchoServerEvent -InputObject $server -Kind Received -Wait -Timeout -1
                @($events).Count | Should -BeGreaterOrEqual 1
            }
            finally { $client.Dispose() }
        }
        finally { $server | Stop-EchoServer }
    }

    It '-ReplyLength above -MaxReplyBytes is refused up front (ReplyLengthOverLimit) by <Command>' -TestCases @(
        @{ Command = 'Send-TcpMessage'; Call = { param($s) Send-TcpMessage -Session $s -Message x -ReplyLength 2048 -MaxReplyBytes 1024 } }
        @{ Command = 'Receive-TcpMessage'; Call = { param($s) Receive-TcpMessage -Session $s -ReplyLength 2048 -MaxReplyBytes 1024 } }
    ) {
        param($Command, $Call)
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port
        try {
            { & $Call $s } | Should -Throw -ErrorId "ReplyLengthOverLimit,EchoNet.Commands.$($Command -replace '-', '')Command"
            $s.BytesSent | Should -Be 0 -Because 'nothing is sent before the parameters are known to be sound'
        }
        finally {
            $s | Disconnect-TcpSession
            $listener.Stop()
        }
    }
}

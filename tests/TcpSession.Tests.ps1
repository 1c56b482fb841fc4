# Sessions: Connect-TcpSession, Send-TcpMessage -Session, Receive-TcpMessage, Get-TcpSession,
# Disconnect-TcpSession, against a Python peer that greets first and EchoNet's TLS server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest
    $server = Start-EchoServer
    $peer = Start-LinePeer
}

AfterAll {
    Get-TcpSession | Disconnect-TcpSession
    Stop-LinePeer $peer
    Stop-EchoServer -All
}

Describe 'TCP sessions' -Tag 'Engine' {
    It 'returns an EchoNet.TcpSession with its endpoints, state and counters' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        try {
            $s | Should -BeOfType EchoNet.TcpSession
            $s.State | Should -Be 'Open'
            $s.ComputerName | Should -Be '127.0.0.1'
            $s.Port | Should -Be $server.Port
            $s.RemoteEndPoint.Port | Should -Be $server.Port
            $s.LocalEndPoint.Port | Should -BeGreaterThan 0
            $s.Tls | Should -BeFalse
            $r = Send-TcpMessage -Session $s -Message 'hello'
            $r.Reply | Should -Be 'hello'
            $r.SessionId | Should -Be $s.Id
            $s.BytesSent | Should -Be 5
            $s.BytesReceived | Should -Be 5
            (Get-TcpSession -Id $s.Id) | Should -Be $s
            (Get-TcpSession).Id | Should -Contain $s.Id
        }
        finally { $s | Disconnect-TcpSession }
        $s.State | Should -Be 'Closed'
        (Get-TcpSession).Id | Should -Not -Contain $s.Id
    }

    It 'sends over one connection without reconnecting' {
        $accepted = $server.ConnectionsAccepted
        $s = Connect-TcpSession -ComputerName "127.0.0.1:$($server.Port)"
        try {
            $r = 1..20 | ForEach-Object { "m$_" } | Send-TcpMessage -Session $s
            $r.Reply | Should -Be (1..20 | ForEach-Object { "m$_" })
            ($r.LocalEndPoint | ForEach-Object ToString | Select-Object -Unique) | Should -Be $s.LocalEndPoint.ToString()
            $server.ConnectionsAccepted | Should -Be ($accepted + 1)
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'runs a scripted conversation that branches on a reply' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            $greeting = Receive-TcpMessage -Session $s -Terminator "`n"
            $greeting.Reply | Should -BeLike '220*'
            $answer = if ($greeting.Reply -like '220*') { Send-TcpMessage -Session $s -Message "HELO test`n" -Terminator "`n" } else { $null }
            $answer.Reply | Should -BeExactly "250 HELO test`n"
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'carries bytes after the terminator to Receive-TcpMessage' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            (Receive-TcpMessage -Session $s -Terminator "`n").Reply | Should -BeExactly "220 ready`n"
            (Send-TcpMessage -Session $s -Message "TWO`n" -ReplyLength 2).Reply | Should -BeExactly 'on'
            (Receive-TcpMessage -Session $s -Terminator "`n").Reply | Should -BeExactly "e`n"
            (Receive-TcpMessage -Session $s -Terminator "`n").Reply | Should -BeExactly "two`n"
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'Receive-TcpMessage with nothing arriving times out (OperationTimeout) and the session stays usable' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        try {
            $r = Receive-TcpMessage -Session $s -Timeout 300 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'Timeout,EchoNet.Commands.ReceiveTcpMessageCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $errs[0].TargetObject | Should -Be "127.0.0.1:$($server.Port)"
            $errs[0].Exception.Message | Should -BeLike "*127.0.0.1:$($server.Port)*"
            $r.Status | Should -Be 'Timeout'
            $s.State | Should -Be 'Open'
            (Send-TcpMessage -Session $s -Message 'still here').Reply | Should -Be 'still here'
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'sees a peer that closes mid-session: State Closed, buffered bytes still received, the next send a clear error' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            $null = Receive-TcpMessage -Session $s -Terminator "`n"
            $r = Send-TcpMessage -Session $s -Message "CLOSE`n" -ReplyLength 2
            $r.Reply | Should -BeExactly 'by'
            # The rest ("e`n") and the peer's FIN arrive; a default-rule receive ends on the close.
            $rest = Receive-TcpMessage -Session $s -Timeout 3000
            $rest.Reply | Should -BeExactly "e`n"
            $rest.ReplyEnd | Should -Be 'Closed'
            $s.State | Should -Be 'Closed'
            Send-TcpMessage -Session $s -Message 'more' -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
            $errs[0].FullyQualifiedErrorId | Should -Be 'SessionClosed,EchoNet.Commands.SendTcpMessageCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $errs[0].Exception.Message | Should -BeLike "*Session $($s.Id)*closed*"
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'returns the bytes no reply took when disconnected' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        $null = Receive-TcpMessage -Session $s -Terminator "`n"
        $null = Send-TcpMessage -Session $s -Message "TWO`n" -Terminator "`n"
        $left = $s | Disconnect-TcpSession
        $left.ReplyEnd | Should -Be 'Leftover'
        $left.Reply | Should -BeExactly "two`n"
        $left.SessionId | Should -Be $s.Id
    }

    It 'is visible from another runspace, and two runspaces at once get a clear error, never mixed bytes' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port
        try {
            $null = Receive-TcpMessage -Session $s -Terminator "`n"
            # The job's runspace waits on a reply that does not come (no '#' ever arrives) while this
            # one tries to use the same session.
            $id = $s.Id
            # The job says when its module is loaded, so a slow start (a busy machine) does not eat
            # the window in which the session is held.
            $started = [hashtable]::Synchronized(@{})
            $job = Start-ThreadJob -ScriptBlock {
                Import-Module $using:manifest
                $mine = Get-TcpSession -Id $using:id
                ($using:started).Ready = $true
                Receive-TcpMessage -Session $mine -Terminator '#' -Timeout 6000 -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
                $e[0].FullyQualifiedErrorId
            }
            try {
                Wait-Until -TimeoutMs 60000 { $started.Ready } | Should -BeTrue -Because 'the job must load the module and find the session'
                Wait-Until -TimeoutMs 5000 {
                    $r = Send-TcpMessage -Session $s -Message "x`n" -Terminator "`n" -Timeout 200 -ErrorVariable errs -ErrorAction SilentlyContinue
                    $script:busyError = $errs | Where-Object FullyQualifiedErrorId -Like 'SessionBusy,*'
                    [bool]$script:busyError
                } | Should -BeTrue
                $script:busyError[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
                $job | Wait-Job -Timeout 10 | Receive-Job | Should -Be 'Timeout,EchoNet.Commands.ReceiveTcpMessageCommand'
            }
            finally { $job | Remove-Job -Force }
            # Nothing was sent while busy: the next exchange gets its own answer.
            (Send-TcpMessage -Session $s -Message "after`n" -Terminator "`n").Reply | Should -BeExactly "250 after`n"
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'rejects -Session together with -ComputerName (parameter set)' {
        $s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        try {
            { Send-TcpMessage -Session $s -ComputerName 127.0.0.1 -Message x } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'gives TcpSessionNotFound for an unknown Id' {
        Get-TcpSession -Id 999999 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'TcpSessionNotFound,EchoNet.Commands.GetTcpSessionCommand'
        Disconnect-TcpSession -Id 999999 -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'is closed by Remove-Module' {
        $child = Invoke-ChildPwsh -TimeoutSeconds 120 -Arguments '-Command', @"
Import-Module '$manifest'
`$s = Connect-TcpSession -ComputerName 127.0.0.1 -Port $($server.Port)
Remove-Module EchoNet
"`$(`$s.State)"
"@
        # The removal from the only runspace closes the session and says so (issue 26 item 2).
        $lines = $child.Output -split '\r?\n'
        $lines[-1] | Should -Be 'Closed'
        @($lines -like 'WARNING: Removing EchoNet*closed 1 session(s)*').Count | Should -Be 1 -Because $child.Output
    }
}

Describe 'TLS sessions' -Tag 'Engine' {
    BeforeAll {
        $notAfter = [DateTimeOffset]::Now.AddDays(2)
        $certificate = New-TestCertificate -NotAfter $notAfter
        $tlsServer = Start-EchoServer -Certificate $certificate
    }

    It 'negotiates TLS and shows protocol, cipher and the certificate details' {
        $s = Connect-TcpSession -ComputerName localhost -Port $tlsServer.Port -UseTls -SkipCertificateCheck
        try {
            $s.Tls | Should -BeTrue
            $s.TlsProtocol | Should -Match '^Tls1[23]$'
            $s.TlsCipher | Should -Match '^TLS_'
            $s.CertificateSubject | Should -Be 'CN=localhost'
            $s.CertificateIssuer | Should -Be 'CN=localhost'
            $s.CertificateExpires.ToUniversalTime() | Should -BeGreaterThan ([DateTime]::UtcNow.AddDays(1))
            $s.CertificateExpires.ToUniversalTime() | Should -BeLessThan ([DateTime]::UtcNow.AddDays(3))
            (Send-TcpMessage -Session $s -Message "tls`nsecond`n" -Terminator "`n").Reply | Should -BeExactly "tls`n"
            (Receive-TcpMessage -Session $s -Terminator "`n").Reply | Should -BeExactly "second`n"
        }
        finally { $s | Disconnect-TcpSession }
    }

    It 'fails validation by default with the target named (CertificateInvalid)' {
        Connect-TcpSession -ComputerName localhost -Port $tlsServer.Port -UseTls -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'CertificateInvalid,EchoNet.Commands.ConnectTcpSessionCommand'
        $errs[0].TargetObject | Should -Be "localhost:$($tlsServer.Port)"
        $errs[0].Exception.Message | Should -BeLike "*localhost:$($tlsServer.Port)*"
    }
}

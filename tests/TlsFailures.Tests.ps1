# TLS failures against a raw .NET TLS peer (tests/peers/TlsResetPeer.cs, not EchoNet) with a
# self-signed certificate made here: every failure is a non-terminating error with its id that
# names host and port and the reason the TLS layers hide (issue 13 items 5 and 15).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Add-Type -Path (Join-Path $PSScriptRoot 'peers/TlsResetPeer.cs')

    $certificate = New-TestCertificate

    function Invoke-AgainstPeer {
        # Runs $Action with a fresh peer in $Mode; returns the errors it wrote and whether it threw.
        param([string] $Mode, [scriptblock] $Action)
        $peer = [TlsResetPeer]::new($certificate, $Mode)
        try {
            $ErrorActionPreference = 'Continue'   # Pester runs tests with 'Stop'
            $thrown = $null
            $errs = @()
            # 2>&1 collects the non-terminating errors; a terminating one lands in catch.
            try { $errs = @(& $Action $peer.Port 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
            catch { $thrown = $_ }
            [pscustomobject]@{ Errors = @($errs); Thrown = $thrown; Port = $peer.Port }
        }
        finally { $peer.Dispose() }
    }
}

Describe 'TLS peer that resets' {
    It 'mid-read (waiting for a reply): non-terminating ConnectionReset naming host and port' {
        $r = Invoke-AgainstPeer 'ResetAfterRead' {
            param($port) Send-TcpMessage -ComputerName localhost -Port $port -Message hello -UseTls -SkipCertificateCheck -Timeout 10000
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionReset,EchoNet.Commands.SendTcpMessageCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*localhost:$($r.Port)*reset*"
        $r.Errors[0].Exception.Message | Should -Not -BeLike '*see inner exception*'
    }

    It 'mid-write (an 8 MiB message): non-terminating ConnectionReset naming host and port' {
        $r = Invoke-AgainstPeer 'ResetWhileWriting' {
            param($port) Send-TcpMessage -ComputerName localhost -Port $port -Bytes ([byte[]]::new(8MB)) -UseTls -SkipCertificateCheck -Timeout 10000
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -BeIn @('ConnectionReset,EchoNet.Commands.SendTcpMessageCommand')
        $r.Errors[0].Exception.Message | Should -BeLike "*localhost:$($r.Port)*"
    }

    It 'right after the handshake: Connect-TcpSession gives a non-terminating error, not a raw SocketException' {
        # The peer resets as soon as the handshake is done; asking the socket for its endpoints
        # then failed with "Transport endpoint is not connected". Repeated: the reset races the connect.
        foreach ($i in 1..5) {
            $r = Invoke-AgainstPeer 'ResetWhileWriting' {
                param($port)
                $s = Connect-TcpSession -ComputerName localhost -Port $port -UseTls -SkipCertificateCheck -Timeout 10000
                if ($s) { Send-TcpMessage -Session $s -Bytes ([byte[]]::new(8MB)) -Timeout 10000; $s | Disconnect-TcpSession }
            }
            $r.Thrown | Should -BeNullOrEmpty
            $r.Errors.Count | Should -BeGreaterThan 0
            $r.Errors[0].FullyQualifiedErrorId | Should -Match '^(ConnectionReset|SessionClosed|TlsHandshakeFailed),'
            $r.Errors[0].Exception.Message | Should -BeLike "*localhost:$($r.Port)*"
        }
    }

    It 'mid-read on a session: non-terminating ConnectionReset, and the session is then closed' {
        $r = Invoke-AgainstPeer 'ResetAfterRead' {
            param($port)
            $s = Connect-TcpSession -ComputerName localhost -Port $port -UseTls -SkipCertificateCheck
            Send-TcpMessage -Session $s -Message hello -Timeout 10000
            Send-TcpMessage -Session $s -Message again -Timeout 10000
            $s | Disconnect-TcpSession
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionReset,EchoNet.Commands.SendTcpMessageCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*localhost:$($r.Port)*"
        $r.Errors[1].FullyQualifiedErrorId | Should -Be 'SessionClosed,EchoNet.Commands.SendTcpMessageCommand'
    }
}

Describe 'TLS handshake failures name the reason' {
    It 'a reset during the handshake says the peer reset the connection' {
        $r = Invoke-AgainstPeer 'ResetInHandshake' {
            param($port) Send-TcpMessage -ComputerName localhost -Port $port -Message hi -UseTls -SkipCertificateCheck -Timeout 10000
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'TlsHandshakeFailed,EchoNet.Commands.SendTcpMessageCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*handshake with localhost:$($r.Port) failed: the peer reset the connection*"
    }

    It 'a plain-text answer says the peer does not speak TLS' {
        $r = Invoke-AgainstPeer 'NotTls' {
            param($port) Send-TcpMessage -ComputerName localhost -Port $port -Message hi -UseTls -SkipCertificateCheck -Timeout 10000
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'TlsHandshakeFailed,EchoNet.Commands.SendTcpMessageCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*localhost:$($r.Port)*did not answer in TLS*"
    }

    It 'a silent peer is a Timeout of the handshake' {
        $r = Invoke-AgainstPeer 'SilentInHandshake' {
            param($port) Send-TcpMessage -ComputerName localhost -Port $port -Message hi -UseTls -SkipCertificateCheck -Timeout 500
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'Timeout,EchoNet.Commands.SendTcpMessageCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*TLS handshake with localhost:$($r.Port) timed out*"
    }

    It 'Connect-TcpSession names the reason too' {
        $r = Invoke-AgainstPeer 'NotTls' {
            param($port) Connect-TcpSession -ComputerName localhost -Port $port -UseTls -SkipCertificateCheck -Timeout 10000
        }
        $r.Thrown | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'TlsHandshakeFailed,EchoNet.Commands.ConnectTcpSessionCommand'
        $r.Errors[0].Exception.Message | Should -BeLike "*did not answer in TLS*"
    }
}

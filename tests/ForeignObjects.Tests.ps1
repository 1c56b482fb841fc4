# Objects from another host or process (issue 26 item 3): a deserialized EchoServer or TcpSession,
# or anything with PSComputerName, piped to Stop-EchoServer or Disconnect-TcpSession binds -Id by
# property name; it must get an error saying where it belongs, never act on the local object with
# that Id.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest

    # What Import-Clixml gives back: a Deserialized.* copy.
    function Copy-Deserialized($InputObject) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject))
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'Stop-EchoServer with a server of another process' {
    It 'refuses the server a Start-Job process started (same Id as a local one) and leaves the local one running' {
        $local = Start-EchoServer
        # A process job: a pwsh of its own, whose servers come back deserialized with PSComputerName.
        $job = Start-Job -ScriptBlock {
            param($manifest, $id)
            Import-Module $manifest
            do {
                $server = Start-EchoServer -Port 0 -Address 127.0.0.1
                if ($server.Id -lt $id) { $server | Stop-EchoServer }
            } while ($server.Id -lt $id)
            $server
        } -ArgumentList $manifest, $local.Id
        try {
            $remote = $job | Wait-Job -Timeout 90 | Receive-Job
            $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.EchoServer'
            $remote.Id | Should -Be $local.Id -Because 'the test needs a local server with the same Id'

            $remote | Stop-EchoServer -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'ObjectFromAnotherHost,EchoNet.Commands.StopEchoServerCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -BeLike "*from the computer 'localhost'*Invoke-Command -ComputerName localhost { Stop-EchoServer -Id $($local.Id) }*"
            [object]::ReferenceEquals($errs[0].TargetObject, $remote) | Should -BeTrue
            $local.State | Should -Be 'Running'
            $bytes = New-TestBytes 100
            Test-SameBytes $bytes (Invoke-RawEcho -Port $local.Port -Bytes $bytes) | Should -BeTrue
        }
        finally { $job | Remove-Job -Force }
    }

    It 'refuses a deserialized copy (Import-Clixml) and goes on with the next piped object' {
        $a = Start-EchoServer
        $b = Start-EchoServer
        $copy = Copy-Deserialized $a
        $copy.PSObject.Properties['PSComputerName'] | Should -BeNullOrEmpty
        $copy, $b | Stop-EchoServer -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ObjectFromAnotherHost,*'
        $errs[0].Exception.Message | Should -BeLike '*deserialized copy*'
        $a.State | Should -Be 'Running'
        $b.State | Should -Be 'Stopped'
    }

    It 'still stops by Id from a local object with an Id property' {
        $a = Start-EchoServer
        [pscustomobject]@{ Id = $a.Id } | Stop-EchoServer
        $a.State | Should -Be 'Stopped'
    }
}

Describe 'Disconnect-TcpSession with a session of another host' {
    BeforeAll {
        # The session's peer: a raw .NET listener, not EchoNet.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
    }
    AfterAll { $listener.Stop() }

    It 'refuses a session object from Invoke-Command (PSComputerName) or a deserialized copy, and leaves the local one open' {
        $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port
        $peer = $listener.AcceptSocket()
        try {
            $fromRemote = [pscustomobject]@{ Id = $session.Id; PSComputerName = 'web01' }
            $fromRemote, (Copy-Deserialized $session) | Disconnect-TcpSession -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs.FullyQualifiedErrorId | Should -Be (@('ObjectFromAnotherHost,EchoNet.Commands.DisconnectTcpSessionCommand') * 2)
            $errs[0].Exception.Message | Should -BeLike "*TCP session*'web01'*Invoke-Command -ComputerName web01 { Disconnect-TcpSession -Id $($session.Id) }*"
            $session.State | Should -Be 'Open'
            $null = $peer.Send([byte[]][char[]]"still open`n")
            (Receive-TcpMessage -Session $session -Terminator "`n" -Timeout 5000).Reply | Should -BeExactly "still open`n"
            [pscustomobject]@{ Id = $session.Id } | Disconnect-TcpSession
            $session.State | Should -Be 'Closed'
        }
        finally {
            $session | Disconnect-TcpSession -ErrorAction SilentlyContinue | Out-Null
            $peer.Dispose()
        }
    }
}

# Removing or re-importing EchoNet in another runspace (issue 26 item 2): servers and sessions are
# process-wide, so only the last runspace that has the module loaded cleans them up, and says so.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest
}

Describe 'Remove-Module and Import-Module -Force in other runspaces' {
    It 'leave the main runspace''s server and session working (ForEach-Object -Parallel, a thread job)' {
        $server = Start-EchoServer
        # The session's peer is a raw .NET listener, not EchoNet.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port
        $peer = $listener.AcceptSocket()
        try {
            1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:manifest
                Remove-Module EchoNet
                Import-Module $using:manifest
                Import-Module $using:manifest -Force
            }
            $job = Start-ThreadJob { Import-Module $using:manifest; Import-Module $using:manifest -Force; Remove-Module EchoNet }
            $job | Wait-Job -Timeout 60 | Remove-Job -Force

            $server.State | Should -Be 'Running'
            $bytes = New-TestBytes 3000
            Test-SameBytes $bytes (Invoke-RawEcho -Port $server.Port -Bytes $bytes) | Should -BeTrue
            $session.State | Should -Be 'Open'
            $null = $peer.Send([Text.Encoding]::ASCII.GetBytes("still here`n"))
            (Receive-TcpMessage -Session $session -Terminator "`n" -Timeout 5000).Reply | Should -BeExactly "still here`n"
        }
        finally {
            $session | Disconnect-TcpSession | Out-Null
            $server | Stop-EchoServer
            $peer.Dispose()
            $listener.Stop()
        }
    }

    It 'the last runspace''s Import-Module -Force stops them and warns; while a job holds the module, Remove-Module does not' {
        $script = {
            param($manifest)
            $ErrorActionPreference = 'Stop'
            Import-Module $manifest
            $a = Start-EchoServer
            $shared = [hashtable]::Synchronized(@{ Gate = [System.Threading.ManualResetEventSlim]::new() })
            $job = Start-ThreadJob {
                Import-Module $using:manifest
                ($using:shared).Loaded = $true
                $null = ($using:shared).Gate.Wait(30000)
                Remove-Module EchoNet
            }
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $shared.Loaded -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Remove-Module EchoNet
            "while the job holds it: $($a.State)"
            $shared.Gate.Set()
            $job | Wait-Job -Timeout 30 | Receive-Job
            "after the job removed it: $($a.State)"
            Import-Module $manifest
            $b = Start-EchoServer
            Import-Module $manifest -Force
            "after -Force: $($b.State)"
        }
        $child = Invoke-ChildPwsh -Arguments @('-Command', "& { $script } '$manifest'") -TimeoutSeconds 120
        $child.ExitCode | Should -Be 0 -Because $child.Output
        $lines = $child.Output -split "`r?`n"
        $lines | Should -Contain 'while the job holds it: Running'
        $lines | Should -Contain 'after the job removed it: Stopped'
        $lines | Should -Contain 'after -Force: Stopped'
        # The job's removal stopped server 1 (its warning comes back through Receive-Job); -Force here stopped server 2.
        @($lines -like 'WARNING: Removing EchoNet from the last runspace*stopped 1 server(s) (Id 1)*').Count | Should -Be 1 -Because $child.Output
        @($lines -like 'WARNING: Removing EchoNet from the last runspace*stopped 1 server(s) (Id 2)*').Count | Should -Be 1 -Because $child.Output
    }
}

# Wait-TcpPort (wait-for-it): returns as soon as a port accepts, retries with back-off until a
# deadline, names what never opened; against raw .NET listeners and a Python listener that opens
# its port 2 s late. Bounds, not exact times.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'Wait-TcpPort' {
    BeforeAll {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(64)
        $port = $listener.LocalEndpoint.Port
    }
    AfterAll { $listener.Stop() }

    It 'returns at the first attempt for an open port' {
        $result = Wait-TcpPort -ComputerName 127.0.0.1 -Port $port -Timeout 5000
        $result.Open | Should -BeTrue
        $result.Attempts | Should -Be 1
        $result.Target | Should -Be "127.0.0.1:$port"
        $result.RemoteEndPoint.Port | Should -Be $port
        $result.WaitedMs | Should -BeLessThan 5000
    }

    It 'waits for every target given, one result each' {
        $second = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $second.Start()
        try {
            $results = @("127.0.0.1:$port", "127.0.0.1:$($second.LocalEndpoint.Port)" | Wait-TcpPort -Timeout 5000)
            $results.Count | Should -Be 2
            $results[1].Port | Should -Be $second.LocalEndpoint.Port
        }
        finally { $second.Stop() }
    }

    It 'writes PortNeverOpened naming the target when the port stays closed, after the timeout and not long after' {
        $closed = Get-ClosedPort
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $out = Wait-TcpPort -ComputerName 127.0.0.1 -Port $closed -Timeout 800 -ErrorAction SilentlyContinue -ErrorVariable errs
        $elapsed = $watch.ElapsedMilliseconds
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PortNeverOpened,EchoNet.Commands.WaitTcpPortCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be "127.0.0.1:$closed"
        $errs[0].Exception.Message | Should -Match "^127\.0\.0\.1:$closed did not accept a connection within \d+ ms \((\d+) attempts; last: .*refused"
        $errs[0].Exception.Message -match '\((\d+) attempts' | Should -BeTrue
        [int]$Matches[1] | Should -BeGreaterThan 2 -Because 'it retried with back-off, not once'
        [int]$Matches[1] | Should -BeLessThan 30 -Because 'the pauses grow; it does not spin'
        $elapsed | Should -BeGreaterOrEqual 790
        $elapsed | Should -BeLessThan 5000
    }

    It 'returns soon after a port that opens 2 s late opens (a Python listener)' {
        $late = Get-ClosedPort
        $started = [Diagnostics.Stopwatch]::StartNew()
        $peer = Start-PythonPeer -Script 'slow_echo_peer.py' -Arguments '0', "$late", '2000' -NoWait
        try {
            $printed = $peer.Process.StandardOutput.ReadLineAsync()
            $result = Wait-TcpPort -ComputerName 127.0.0.1 -Port $late -Timeout 20000 -MaxInterval 200
            $returned = $started.ElapsedMilliseconds
            $printed.Wait(5000) | Should -BeTrue -Because 'the peer says when it listens'
            $result.Open | Should -BeTrue
            $result.Attempts | Should -BeGreaterThan 3
            $returned | Should -BeGreaterOrEqual 1900 -Because 'the port opened after 2 s'
            # Back-off capped at 200 ms: it notices within a pause and a connect, with room for a busy machine.
            $returned | Should -BeLessThan 6000
            $result.WaitedMs | Should -BeLessOrEqual $returned
        }
        finally { Stop-LinePeer $peer }
    }

    It 'keeps trying a name that never resolves and names it when time is up' {
        $out = Wait-TcpPort -ComputerName 'db.invalid' -Port 5432 -Timeout 500 -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'PortNeverOpened,EchoNet.Commands.WaitTcpPortCommand'
        $errs[0].TargetObject | Should -Be 'db.invalid:5432'
        $errs[0].Exception.Message | Should -Match "^db\.invalid:5432 did not accept a connection .*Cannot resolve host 'db\.invalid'"
    }

    It '-Quiet writes one Boolean: <Expected> for <Name>, and no error' -ForEach @(
        @{ Name = 'an open port'; Closed = $false; Expected = $true }
        @{ Name = 'an open and a closed port'; Closed = $true; Expected = $false }
    ) {
        $targets = @("127.0.0.1:$port")
        if ($Closed) { $targets += "127.0.0.1:$(Get-ClosedPort)" }
        $out = @(Wait-TcpPort $targets -Timeout 300 -Quiet -ErrorVariable errs)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType [bool]
        $out[0] | Should -Be $Expected
        $errs | Should -BeNullOrEmpty
    }

    It 'writes PortMissing for a name without a port, and refuses a zero timeout' {
        Wait-TcpPort -ComputerName localhost -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'PortMissing,EchoNet.Commands.WaitTcpPortCommand'
        { Wait-TcpPort "127.0.0.1:$port" -Timeout 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.WaitTcpPortCommand'
    }

    It 'stops waiting on Ctrl+C (StopProcessing)' {
        $closed = Get-ClosedPort
        $manifest = Get-EchoNetManifest
        $job = Start-ThreadJob { Import-Module $using:manifest; Wait-TcpPort -ComputerName 127.0.0.1 -Port $using:closed -Timeout 120000 -MaxInterval 60000 }
        try {
            # The job has loaded the module and is waiting: its first attempts were refused.
            Start-Sleep -Milliseconds 1500
            $job.State | Should -Be 'Running'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $job
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
            $job.State | Should -Be 'Stopped'
            $job.Error | Should -BeNullOrEmpty -Because 'a stopped wait is not a timeout'
        }
        finally { $job | Remove-Job -Force }
    }
}

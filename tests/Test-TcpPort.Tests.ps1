# Test-TcpPort, the TCP connect series (tcping), against raw .NET listeners (not EchoNet): one
# result per counted probe, warm-up probes made but not counted, closed ports as results, names
# that do not resolve as errors, bad counts and intervals refused, and Ctrl+C in a real pty
# printing the summary so far.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-AcceptedCount {
        # Accepts and closes every connection waiting on a raw listener; returns how many there were.
        param([System.Net.Sockets.TcpListener] $Listener)
        $n = 0
        while ($Listener.Pending()) { $Listener.AcceptSocket().Dispose(); $n++ }
        $n
    }
}

Describe 'Test-TcpPort' {
    BeforeEach {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(64)
        $port = $listener.LocalEndpoint.Port
    }
    AfterEach { $listener.Stop() }

    It 'connects -Count times after the warm-up, one result per counted probe' {
        $results = @(Test-TcpPort -ComputerName 127.0.0.1 -Port $port -Count 3 -Interval 0 -WarmUp 2)
        $results.Count | Should -Be 3
        $results.Sequence | Should -Be @(1, 2, 3)
        $results | ForEach-Object { $_.Connected | Should -BeTrue; $_.Status | Should -Be 'Success'; $_.ConnectTimeMs | Should -BeGreaterThan 0 }
        $results[0].RemoteEndPoint.Port | Should -Be $port
        $results[0].Target | Should -Be "127.0.0.1:$port"
        # Every probe really connected, the two warm-up probes too.
        (Wait-Until { $listener.Pending() }) | Should -BeTrue
        Get-AcceptedCount $listener | Should -Be 5
    }

    It 'takes "host:port" and waits -Interval between rounds (a lower bound)' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = @(Test-TcpPort "127.0.0.1:$port" -Count 3 -Interval 300 -WarmUp 0)
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 590
        $results.Count | Should -Be 3
    }

    It 'reports a closed port as results with the failure, not as errors' {
        $closed = Get-ClosedPort
        $results = @(Test-TcpPort -ComputerName 127.0.0.1 -Port $closed -Count 2 -Interval 0 -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $results.Status | Should -Be @('ConnectionRefused', 'ConnectionRefused')
        $results[0].Connected | Should -BeFalse
        $results[0].Error | Should -Match "127\.0\.0\.1:$closed"
    }

    It 'writes one summary per target with -Summary, counting only the counted probes' {
        $closed = Get-ClosedPort
        $summaries = @(Test-TcpPort -ComputerName 127.0.0.1 -Port $port, $closed -Count 3 -Interval 0 -Summary)
        $summaries.Count | Should -Be 2
        $summaries[0].Target | Should -Be "127.0.0.1:$port"
        $summaries[0].Kind | Should -Be 'TcpConnect'
        $summaries[0].Sent | Should -Be 3
        $summaries[0].Received | Should -Be 3
        $summaries[1].LossPercent | Should -Be 100
        $summaries[1].Failures | Should -Be 'ConnectionRefused=3'
    }

    It 'writes HostNotFound naming the target for a name that never resolves, and probes the others' {
        $results = @(Test-TcpPort -ComputerName 'nowhere.invalid', '127.0.0.1' -Port $port -Count 1 -ErrorAction SilentlyContinue -ErrorVariable errs)
        $results.Count | Should -Be 1
        $results[0].Target | Should -Be "127.0.0.1:$port"
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostNotFound,EchoNet.Commands.TestTcpPortCommand'
        $errs[0].TargetObject | Should -Be "nowhere.invalid:$port"
    }

    It 'refuses <Name>' -ForEach @(
        @{ Name = 'a negative count'; Arguments = @{ Count = -1 } }
        @{ Name = 'a zero count'; Arguments = @{ Count = 0 } }
        @{ Name = 'a negative interval'; Arguments = @{ Interval = -5 } }
        @{ Name = 'a negative warm-up'; Arguments = @{ WarmUp = -1 } }
    ) {
        $e = { Test-TcpPort -Port 1 @Arguments } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,EchoNet.Commands.TestTcpPortCommand'
    }

    It 'writes PortMissing for a name without a port' {
        $out = Test-TcpPort -ComputerName 'localhost' -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'PortMissing,EchoNet.Commands.TestTcpPortCommand'
    }
}

Describe 'Test-TcpPort -RoundTrip' -Tag 'Engine' {
    BeforeAll { $server = Start-EchoServer -Port 0 }
    AfterAll { $server | Stop-EchoServer }

    It 'times round trips over one connection, the warm-up one included, -Size bytes each' {
        $accepted = $server.ConnectionsAccepted
        $echoed = $server.BytesEchoed
        $results = @(Test-TcpPort -ComputerName 127.0.0.1 -Port $server.Port -RoundTrip -Size 100 -Count 5 -Interval 0 -WarmUp 1)
        $results.Count | Should -Be 5
        $results | ForEach-Object { $_.Status | Should -Be 'Success'; $_.BytesReceived | Should -Be 100; $_.Reply | Should -BeExactly $_.Message }
        $results[0].Reply | Should -BeLike 'abcdefghijklmnopqrstuvwxyzabcd*'
        (Wait-Until { $server.BytesEchoed - $echoed -eq 600 }) | Should -BeTrue -Because 'six probes of 100 bytes, the warm-up one too'
        $server.ConnectionsAccepted - $accepted | Should -Be 1 -Because 'every probe went over one connection'
    }

    It 'reports a closed port as results, not errors' {
        $closed = Get-ClosedPort
        $results = @(Test-TcpPort -ComputerName 127.0.0.1 -Port $closed -RoundTrip -Count 2 -Interval 0 -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $results.Status | Should -Be @('ConnectionRefused', 'ConnectionRefused')
    }

    It 'gives a p50 of at least the latency a Python peer injects (25 ms a reply)' {
        $peer = Start-PythonPeer -Script 'slow_echo_peer.py' -Arguments '25'
        try {
            $summary = Test-TcpPort -ComputerName 127.0.0.1 -Port $peer.Port -RoundTrip -Count 6 -Interval 0 -Summary
            $summary.Kind | Should -Be 'TcpMessage'
            $summary.Received | Should -Be 6
            $summary.MinMs | Should -BeGreaterOrEqual 24.5
            $summary.P50Ms | Should -BeGreaterOrEqual 25
        }
        finally { Stop-LinePeer $peer }
    }
}

Describe 'Test-TcpPort -UseTls' -Tag 'Engine' {
    BeforeAll { $server = Start-EchoServer -Port 0 -Certificate (New-TestCertificate -WithSubjectAltName) }
    AfterAll { $server | Stop-EchoServer }

    It 'includes the handshake in each connect probe' {
        $results = @(Test-TcpPort -ComputerName localhost -Port $server.Port -UseTls -SkipCertificateCheck -Count 2 -Interval 0)
        $results.Status | Should -Be @('Success', 'Success')
        $results[0].Tls | Should -BeTrue
    }

    It 'reports a certificate it cannot trust as results, not errors' {
        $results = @(Test-TcpPort -ComputerName localhost -Port $server.Port -UseTls -Count 2 -Interval 0 -WarmUp 0 -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $results.Status | Should -Be @('CertificateInvalid', 'CertificateInvalid')
        $results[0].Connected | Should -BeFalse
    }

    It 'times round trips over one TLS connection' {
        $results = @(Test-TcpPort -ComputerName localhost -Port $server.Port -UseTls -SkipCertificateCheck -RoundTrip -Size 40 -Count 3 -Interval 0)
        $results.Status | Should -Be @('Success', 'Success', 'Success')
        $results | ForEach-Object { $_.Reply | Should -BeExactly $_.Message }
    }
}

Describe 'Test-TcpPort -Continuous and Ctrl+C' {
    It 'prints the summary so far when Ctrl+C stops it in a terminal' {
        $closed = Get-ClosedPort
        $python = Get-PythonPath
        $command = "Import-Module '$(Get-EchoNetManifest)'; Test-TcpPort -ComputerName 127.0.0.1 -Port $closed -Continuous -Interval 50 -WarmUp 0"
        $output = & $python (Join-Path $PSScriptRoot 'peers/ctrl_c_pty.py') "  4 127.0.0.1:$closed" dotnet pwsh -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $text = $output -join "`n"
        $text | Should -Match "--- 127\.0\.0\.1:$closed TcpConnect statistics ---"
        $text -match '(\d+) sent, 0 received, 100% loss, longest failure run (\d+) \(ConnectionRefused=(\d+)\)' | Should -BeTrue -Because $text
        [int]$Matches[1] | Should -BeGreaterOrEqual 4
        $Matches[2] | Should -Be $Matches[1]
        $Matches[3] | Should -Be $Matches[1]
    }

    It 'stops within a bound when the pipeline is stopped' {
        $closed = Get-ClosedPort
        $manifest = Get-EchoNetManifest
        $job = Start-ThreadJob { Import-Module $using:manifest; Test-TcpPort -ComputerName 127.0.0.1 -Port $using:closed -Continuous -Interval 60000 -WarmUp 0 }
        try {
            (Wait-Until { $job.Output.Count -ge 1 } -TimeoutMs 20000) | Should -BeTrue -Because 'the first probe comes at once'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $job
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20 -Because 'the 60 s interval wait takes the cancellation token'
            $job.State | Should -Be 'Stopped'
        }
        finally { $job | Remove-Job -Force }
    }
}

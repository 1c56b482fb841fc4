# Measure-Throughput: bytes moved over several connections to EchoNet's echo and discard servers,
# verified byte-exact (the echo by the cmdlet itself, the discard side by the server's recording),
# and against a Python echo peer that corrupts one byte, which must be caught. No speed is
# asserted: speed is measured by bench/.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'Measure-Throughput' -Tag 'Engine' {
    BeforeAll {
        $echo = Start-EchoServer -Port 0
        $discard = Start-EchoServer -Port 0 -Discard -Record
    }
    AfterAll { $echo, $discard | Stop-EchoServer }

    It 'moves -Size bytes split over -Connections, every echoed byte verified' {
        $before = $echo.BytesEchoed
        $size = 3MB + 1
        $result = Measure-Throughput -ComputerName 127.0.0.1 -Port $echo.Port -Size $size -Connections 3
        $result.Mode | Should -Be 'Echo'
        $result.Verified | Should -BeTrue
        $result.BytesSent | Should -Be $size
        $result.BytesReceived | Should -Be $size
        $result.Connection.Count | Should -Be 3
        ($result.Connection | Measure-Object BytesSent -Sum).Sum | Should -Be $size
        ($result.Connection.BytesSent | Sort-Object) | Should -Be @(1048576, 1048576, 1048577)
        $result.Connection | ForEach-Object { $_.Verified | Should -BeTrue; $_.MBps | Should -BeGreaterThan 0 }
        $result.MBps | Should -BeGreaterThan 0
        $result.CpuTimeMs | Should -BeGreaterThan 0
        (Wait-Until { $echo.BytesEchoed - $before -eq $size }) | Should -BeTrue -Because 'the server echoed exactly what was sent'
    }

    It 'sends one way to a -Discard server, which received exactly the bytes' {
        $null = $discard | Receive-EchoServerEvent
        $result = Measure-Throughput -ComputerName 127.0.0.1 -Port $discard.Port -Size 200000 -Connections 2 -Discard
        $result.Mode | Should -Be 'Discard'
        $result.Verified | Should -BeTrue
        $result.BytesSent | Should -Be 200000
        $result.BytesReceived | Should -Be 0
        $events = @($discard | Receive-EchoServerEvent -Kind Received)
        ($events | ForEach-Object { $_.Data.Length } | Measure-Object -Sum).Sum | Should -Be 200000
        @($events.ConnectionId | Select-Object -Unique).Count | Should -Be 2
    }

    It 'sends for -Duration milliseconds instead of a size' {
        $result = Measure-Throughput -ComputerName 127.0.0.1 -Port $echo.Port -Duration 300
        $result.Verified | Should -BeTrue
        $result.Seconds | Should -BeGreaterOrEqual 0.29
        $result.BytesSent | Should -BeGreaterThan 0
        $result.BytesReceived | Should -Be $result.BytesSent
    }

    It 'writes EchoIncomplete when a server does not echo (a discard server tested as echo)' {
        $result = Measure-Throughput -ComputerName 127.0.0.1 -Port $discard.Port -Size 1000 -ErrorAction SilentlyContinue -ErrorVariable errs
        $result.Verified | Should -BeFalse
        $errs[0].FullyQualifiedErrorId | Should -Be 'EchoIncomplete,EchoNet.Commands.MeasureThroughputCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be "127.0.0.1:$($discard.Port)"
        $errs[0].Exception.Message | Should -Match '0 bytes came back of 1000 sent'
    }

    It 'writes ConnectionRefused for a closed port, and no result' {
        $closed = Get-ClosedPort
        $out = Measure-Throughput -ComputerName 127.0.0.1 -Port $closed -Size 1000 -Connections 2 -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConnectionRefused,EchoNet.Commands.MeasureThroughputCommand'
        $errs[0].Exception.Message | Should -Match "127\.0\.0\.1:$closed"
    }

    It 'stops on Ctrl+C (StopProcessing) long before -Duration ends' {
        $manifest = Get-EchoNetManifest
        $port = $echo.Port
        $job = Start-ThreadJob { Import-Module $using:manifest; Measure-Throughput -ComputerName 127.0.0.1 -Port $using:port -Duration 120000 -Connections 2 }
        try {
            (Wait-Until { $echo.ActiveConnections -ge 2 } -TimeoutMs 20000) | Should -BeTrue -Because 'the test has connected'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $job
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
            $job.State | Should -Be 'Stopped'
            $job.Error | Should -BeNullOrEmpty -Because 'a stopped test is not a failure'
            (Wait-Until { $echo.ActiveConnections -eq 0 } -TimeoutMs 10000) | Should -BeTrue -Because 'its connections are closed'
        }
        finally { $job | Remove-Job -Force }
    }

    It 'refuses <Name>' -ForEach @(
        @{ Name = 'zero connections'; Arguments = @{ Connections = 0 } }
        @{ Name = 'a zero size'; Arguments = @{ Size = 0 } }
        @{ Name = 'a negative duration'; Arguments = @{ Duration = -1 } }
    ) {
        { Measure-Throughput -Port 1 @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.MeasureThroughputCommand'
    }
}

Describe 'Measure-Throughput against a broken echo' {
    It 'writes EchoMismatch at the byte a Python peer corrupted' {
        $peer = Start-PythonPeer -Script 'slow_echo_peer.py' -Arguments '0', '0', '0', '100000'
        try {
            $result = Measure-Throughput -ComputerName 127.0.0.1 -Port $peer.Port -Size 300000 -ErrorAction SilentlyContinue -ErrorVariable errs
            $result.Verified | Should -BeFalse
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'EchoMismatch,EchoNet.Commands.MeasureThroughputCommand'
            $errs[0].Exception.Message | Should -Match 'at byte 100000\.$'
        }
        finally { Stop-LinePeer $peer }
    }
}

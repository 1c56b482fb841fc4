# Measure-RoundTrip: the statistics of a probe series, checked against Python's statistics module
# (computed in a python3 process from the same numbers) and against hand-made series with known
# answers; real series from Send-TcpMessage, Send-UdpDatagram and Test-TcpPort on loopback,
# one of them against a Python echo peer that delays every reply (injected latency).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function New-Probe {
        # A real result object of Test-TcpPort's type: $Ms for a connect that succeeded, $null for a refused one.
        param([Nullable[double]] $Ms, [string] $ComputerName = 'host.test', [int] $Port = 7)
        $probe = [EchoNet.TcpConnectResult]@{ ComputerName = $ComputerName; Port = $Port; Target = "${ComputerName}:$Port" }
        if ($null -ne $Ms) {
            $probe.Connected = $true
            $probe.ConnectTime = [TimeSpan]::FromTicks([long][Math]::Round($Ms * 10000))
        }
        else { $probe.ErrorKind = [EchoNet.Errors.NetErrorKind]::ConnectionRefused }
        $probe
    }

    function Get-PythonStatistics {
        # min, max, mean, pstdev and percentiles by statistics.quantiles(method='inclusive'), from python3.
        param([double[]] $Values, [double[]] $Percentile)
        $script = @'
import json, statistics, sys
data = json.load(sys.stdin)
values, wanted = data["values"], data["percentiles"]
def percentile(p):
    # quantiles(n=N) returns the N-1 cut points i/N; p = 100*i/N with N = 1000 covers 0.1 steps.
    if p == 0: return min(values)
    if p == 100: return max(values)
    i = round(p * 10)
    return statistics.quantiles(values, n=1000, method="inclusive")[i - 1]
print(json.dumps({"min": min(values), "max": max(values), "mean": statistics.fmean(values),
                  "pstdev": statistics.pstdev(values), "percentiles": [percentile(p) for p in wanted]}))
'@
        $python = Get-PythonPath
        $json = @{ values = $Values; percentiles = $Percentile } | ConvertTo-Json -Compress
        $out = $json | & $python -c $script
        if ($LASTEXITCODE -ne 0) { throw "python3 failed: $out" }
        $out | ConvertFrom-Json
    }
}

Describe 'Measure-RoundTrip statistics' {
    It 'agrees with Python''s statistics module on a random series (min, max, mean, pstdev, percentiles)' {
        $random = [Random]::new(24)
        # Whole ticks (0.1 us), so the values PowerShell and Python see are the same numbers.
        $values = @(1..137 | ForEach-Object { [Math]::Round($random.NextDouble() * 40 + [Math]::Pow($random.NextDouble(), 8) * 200, 4) })
        $wanted = @(0, 12.5, 50, 75, 90, 99, 99.9, 100)
        $summary = $values | ForEach-Object { New-Probe $_ } | Measure-RoundTrip -Percentile $wanted
        $expected = Get-PythonStatistics -Values $values -Percentile $wanted
        $summary.Sent | Should -Be 137
        $summary.Received | Should -Be 137
        $summary.MinMs | Should -BeLessOrEqual ($expected.min + 1e-9)
        $summary.MinMs | Should -BeGreaterOrEqual ($expected.min - 1e-9)
        [Math]::Abs($summary.MaxMs - $expected.max) | Should -BeLessThan 1e-9
        [Math]::Abs($summary.MeanMs - $expected.mean) | Should -BeLessThan 1e-9
        [Math]::Abs($summary.StdDevMs - $expected.pstdev) | Should -BeLessThan 1e-9
        for ($i = 0; $i -lt $wanted.Count; $i++) {
            $got = ($summary.Percentiles | Where-Object Percentile -EQ $wanted[$i]).Milliseconds
            [Math]::Abs($got - $expected.percentiles[$i]) | Should -BeLessThan 1e-9 -Because "p$($wanted[$i])"
        }
        [Math]::Abs($summary.P50Ms - $expected.percentiles[2]) | Should -BeLessThan 1e-9
        [Math]::Abs($summary.P90Ms - $expected.percentiles[4]) | Should -BeLessThan 1e-9
        [Math]::Abs($summary.P99Ms - $expected.percentiles[5]) | Should -BeLessThan 1e-9
    }

    It 'gives the known answers of a hand-made series: 1..10 ms' {
        $summary = 1..10 | ForEach-Object { New-Probe $_ } | Measure-RoundTrip -Percentile 25
        $summary.MinMs | Should -Be 1
        $summary.MaxMs | Should -Be 10
        $summary.MeanMs | Should -Be 5.5
        # Population variance of 1..10 is (10^2 - 1) / 12 = 8.25.
        [Math]::Abs($summary.StdDevMs - [Math]::Sqrt(8.25)) | Should -BeLessThan 1e-12
        # Rank (n - 1) * p / 100: p50 at 4.5 -> 5.5; p90 at 8.1 -> 9.1; p99 at 8.91 -> 9.91; p25 at 2.25 -> 3.25.
        [Math]::Abs($summary.P50Ms - 5.5) | Should -BeLessThan 1e-12
        [Math]::Abs($summary.P90Ms - 9.1) | Should -BeLessThan 1e-12
        [Math]::Abs($summary.P99Ms - 9.91) | Should -BeLessThan 1e-12
        [Math]::Abs($summary.P25Ms - 3.25) | Should -BeLessThan 1e-12 -Because 'an extra percentile is a flat property too'
    }

    It 'summarizes a single sample: every percentile is that sample, deviation zero, one bucket' {
        $summary = New-Probe 4.25 | Measure-RoundTrip -Percentile 0, 100
        $summary.Sent | Should -Be 1
        $summary.StdDevMs | Should -Be 0
        @($summary.Percentiles.Milliseconds | Select-Object -Unique) | Should -Be @(4.25)
        $summary.Histogram.Count | Should -Be 1
        $summary.Histogram[0].Count | Should -Be 1
    }

    It 'counts loss, the failure kinds and the longest run of failures in arrival order' {
        $series = 1, $null, $null, 2, $null, $null, $null, 3, $null, 4
        $summary = $series | ForEach-Object { New-Probe $_ } | Measure-RoundTrip
        $summary.Sent | Should -Be 10
        $summary.Received | Should -Be 4
        $summary.Lost | Should -Be 6
        $summary.LossPercent | Should -Be 60
        $summary.LongestFailureRun | Should -Be 3
        $summary.Failures | Should -Be 'ConnectionRefused=6'
    }

    It 'summarizes a series where every probe failed: counts, no times, no buckets' {
        $summary = 1..5 | ForEach-Object { New-Probe $null } | Measure-RoundTrip
        $summary.Sent | Should -Be 5
        $summary.Received | Should -Be 0
        $summary.LossPercent | Should -Be 100
        $summary.LongestFailureRun | Should -Be 5
        $summary.MinMs | Should -BeNullOrEmpty
        $summary.P99Ms | Should -BeNullOrEmpty
        $summary.Histogram.Count | Should -Be 0
        ($summary | Out-String) | Should -Match '5 / 0 / 5 \(100% loss\)'
    }

    It 'puts every sample in one equal-width bucket from the fastest to the slowest' {
        $summary = 0..10 | ForEach-Object { New-Probe $_ } | Measure-RoundTrip -BucketCount 5
        $summary.Histogram.Count | Should -Be 5
        $summary.Histogram[0].LowerMs | Should -Be 0
        $summary.Histogram[4].UpperMs | Should -Be 10
        # Width 2: [0,2) [2,4) [4,6) [6,8) [8,10] -> 2, 2, 2, 2, 3 (the maximum is in the last).
        @($summary.Histogram | ForEach-Object Count) | Should -Be @(2, 2, 2, 2, 3)
    }

    It 'groups mixed targets per target, in the order they first appeared' {
        $probes = @(New-Probe 1 -ComputerName b.test), (New-Probe 2 -ComputerName a.test), (New-Probe 3 -ComputerName b.test), (New-Probe $null -ComputerName a.test -Port 8)
        $summaries = @($probes | Measure-RoundTrip)
        $summaries.Target | Should -Be @('b.test:7', 'a.test:7', 'a.test:8')
        $summaries.Sent | Should -Be @(2, 1, 1)
        $summaries[0].MeanMs | Should -Be 2
    }
}

Describe 'Measure-RoundTrip output' {
    It 'ends its default view with text bars that fit 80 columns' {
        $text = 1..40 | ForEach-Object { New-Probe ($_ * $_ / 10) } | Measure-RoundTrip | Out-String -Width 80
        $lines = $text -split "`r?`n"
        ($lines | Where-Object { $_.Length -gt 79 }) | Should -BeNullOrEmpty
        $bars = @($lines | Where-Object { $_ -match '^\s*(Histogram \(ms\)\s*: )?\s*[\d.]+-\s*[\d.]+ ms \|#* *\| +\d+$' })
        $bars.Count | Should -Be 10
        $lines[-1..-10] | Where-Object { $_.Trim() } | Select-Object -First 1 | Should -Match '\| +\d+$' -Because 'the histogram ends the view'
    }

    It 'exports flat columns with Export-Csv, one row per target, extra percentiles included' {
        $path = Join-Path $TestDrive 'summary.csv'
        @(New-Probe 1 -ComputerName a.test), (New-Probe 2 -ComputerName b.test) | Measure-RoundTrip -Percentile 99.9 | Export-Csv -Path $path
        $rows = @(Import-Csv $path)
        $rows.Count | Should -Be 2
        $rows[1].Target | Should -Be 'b.test:7'
        [double]$rows[1].P99_9Ms | Should -Be 2
        [double]$rows[0].LossPercent | Should -Be 0
    }
}

Describe 'Measure-RoundTrip bad input' {
    It 'writes NoProbeResults for an empty pipeline' {
        $out = @() | Measure-RoundTrip -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'NoProbeResults,EchoNet.Commands.MeasureRoundTripCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'rejects percentile <Value> with PercentileOutOfRange' -ForEach @(@{ Value = 101 }, @{ Value = -1 }, @{ Value = [double]::NaN }) {
        $e = { New-Probe 1 | Measure-RoundTrip -Percentile 50, $Value -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'PercentileOutOfRange,EchoNet.Commands.MeasureRoundTripCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'writes one NotAProbeResult per reason, measures the rest' {
        $inputs = @(1, 'text', (New-Probe 5), 2)
        $summary = $inputs | Measure-RoundTrip -ErrorAction SilentlyContinue -ErrorVariable errs
        $summary.Sent | Should -Be 1
        @($errs | ForEach-Object FullyQualifiedErrorId | Select-Object -Unique) | Should -Be 'NotAProbeResult,EchoNet.Commands.MeasureRoundTripCommand'
        $errs.Count | Should -Be 2 -Because 'Int32 and String: two reasons, the second Int32 adds no error'
    }
}

Describe 'Measure-RoundTrip of real series' -Tag 'Engine' {
    BeforeAll {
        $server = Start-EchoServer -Port 0 -Protocol Tcp, Udp
    }
    AfterAll { $server | Stop-EchoServer }

    It 'summarizes Send-TcpMessage round trips over one connection as the results say' {
        $results = @(1..30 | ForEach-Object { "m$_" } | Send-TcpMessage -Port $server.Port)
        $summary = $results | Measure-RoundTrip
        $expected = $results.RoundTripMs | Measure-Object -Minimum -Maximum -Average
        $summary.Target | Should -Be "localhost:$($server.Port)"
        $summary.Kind | Should -Be 'TcpMessage'
        $summary.Sent | Should -Be 30
        $summary.Received | Should -Be 30
        $summary.MinMs | Should -Be $expected.Minimum
        $summary.MaxMs | Should -Be $expected.Maximum
        [Math]::Abs($summary.MeanMs - $expected.Average) | Should -BeLessThan 1e-9
    }

    It 'summarizes a Send-UdpDatagram series and counts each datagram without a reply as lost' {
        $closed = Get-ClosedPort -Protocol Udp
        $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Message 'p' -Count 5 -Interval 0 -WaitForReply) +
            @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $closed -Message 'p' -Count 3 -Interval 0 -Timeout 200)
        $summaries = @($results | Measure-RoundTrip)
        $summaries.Count | Should -Be 2
        $summaries[0].Received | Should -Be 5
        $summaries[1].Sent | Should -Be 3
        $summaries[1].Received | Should -Be 0
        $summaries[1].Failures | Should -Match '^(Refused|NoReply)=3$|^(Refused|NoReply)=\d; (Refused|NoReply)=\d$'
    }

    It 'writes one NotAProbeResult for datagrams sent without -WaitForReply' {
        $out = Send-UdpDatagram -Port $server.Port -Message 'p' -Count 4 -Interval 0 | Measure-RoundTrip -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        @($errs.FullyQualifiedErrorId) | Should -Be @('NotAProbeResult,EchoNet.Commands.MeasureRoundTripCommand', 'NoProbeResults,EchoNet.Commands.MeasureRoundTripCommand')
    }

    It 'reports a p50 of at least the latency a Python peer injects (30 ms a reply)' {
        $peer = Start-PythonPeer -Script 'slow_echo_peer.py' -Arguments '30'
        try {
            $summary = 1..8 | ForEach-Object { "probe$_" } | Send-TcpMessage -ComputerName 127.0.0.1 -Port $peer.Port | Measure-RoundTrip
            $summary.Received | Should -Be 8
            $summary.MinMs | Should -BeGreaterOrEqual 29.5
            $summary.P50Ms | Should -BeGreaterOrEqual 30
        }
        finally { Stop-LinePeer $peer }
    }
}

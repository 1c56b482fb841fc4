# Start-EchoServer -Wait under a flood its pipeline cannot keep up with: the event queue stays
# bounded, and what does not fit is dropped and counted, never lost silently.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Wait event queue' -Tag 'Engine' {
    It 'holds at most 10,000 events for a blocked pipeline and reports the rest as dropped' {
        $manifest = Get-EchoNetManifest
        $gate = [System.Threading.ManualResetEventSlim]::new($false)
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            $gate = $using:gate
            # The pipeline stops at the first event until the test opens the gate.
            Start-EchoServer -Protocol Udp -Wait | ForEach-Object {
                if ($_ -is [EchoNet.EchoServer]) { $_ } else { $null = $gate.Wait(60000); "$($_.Kind)" }
            }
        }
        try {
            Wait-Until { $job.Output.Count -ge 1 } -TimeoutMs 10000 | Should -BeTrue
            $server = $job.Output[0]
            $udp = [System.Net.Sockets.UdpClient]::new()
            try {
                $udp.Connect('127.0.0.1', $server.Port)
                for ($i = 0; $i -lt 15000; $i++) {
                    # A payload of its own per datagram: 15,000 of one payload from one socket at
                    # line rate would look like a ping-pong to the server's loop detector, which
                    # leaves a few unanswered (and reports them as Dropped events).
                    $datagram = [BitConverter]::GetBytes($i)
                    $null = $udp.Send($datagram, $datagram.Length)
                    # Let the server keep up, so that most datagrams are echoed (loopback drops the rest).
                    if ($i % 200 -eq 199) { $null = Wait-Until { $server.DatagramsEchoed -ge $i - 1000 } -TimeoutMs 2000 -IntervalMs 5 }
                }
            }
            finally { $udp.Dispose() }
            $null = Wait-Until { $server.DatagramsEchoed -ge 15000 } -TimeoutMs 5000
            $echoed = $server.DatagramsEchoed
            $echoed | Should -BeGreaterThan 12000
        }
        finally {
            $gate.Set()
            Stop-EchoServer -All
            $finished = $job | Wait-Job -Timeout 60
        }
        $finished | Should -Not -BeNullOrEmpty
        $written = @($job.Output | Select-Object -Skip 1)
        $warnings = @($job.Warning | ForEach-Object { "$_" })
        $job | Remove-Job -Force
        $written.Count | Should -BeLessOrEqual 10002   # the queue, the event in hand, and Stopped
        $warnings | Should -Not -BeNullOrEmpty
        $warnings[-1] -match '\((\d+) in all\)' | Should -BeTrue
        $dropped = [long]$Matches[1]
        # Every event is either written or counted: the datagrams' events and Stopped.
        ($written.Count + $dropped) | Should -Be ($echoed + 1)
    }
}

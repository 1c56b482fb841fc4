BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest
    $server = Start-EchoServer
}

AfterAll { Stop-EchoServer -All }

Describe 'Send-TcpMessage' -Tag 'Engine' {
    It 'returns a typed result with the echo' {
        $r = Send-TcpMessage -Port $server.Port -Message 'hello'
        $r | Should -BeOfType EchoNet.TcpMessageResult
        $r.Reply | Should -Be 'hello'
        $r.BytesSent | Should -Be 5
        $r.BytesReceived | Should -Be 5
        $r.ReplyEnd | Should -Be 'Echo'
        $r.RemoteEndPoint.Port | Should -Be $server.Port
        $r.LocalEndPoint.Port | Should -BeGreaterThan 0
        $r.RoundTrip | Should -BeOfType TimeSpan
        "$r" | Should -Be 'hello'
    }

    It 'sends a pipeline of 1000 messages over one connection, in order' {
        $accepted = $server.ConnectionsAccepted
        $results = 1..1000 | ForEach-Object { "message $_" } | Send-TcpMessage -Port $server.Port
        $results.Count | Should -Be 1000
        ($results.LocalEndPoint | ForEach-Object ToString | Select-Object -Unique).Count | Should -Be 1
        $server.ConnectionsAccepted | Should -Be ($accepted + 1)
        for ($i = 0; $i -lt 1000; $i++) { $results[$i].Reply | Should -Be "message $($i + 1)" }
    }

    It 'echoes <Length> bytes of -Bytes byte-exact' -ForEach @(@{ Length = 1 }, @{ Length = 65536 }, @{ Length = 1048576 }) {
        $payload = New-TestBytes -Length $Length
        $r = Send-TcpMessage -Port $server.Port -Bytes $payload
        Test-SameBytes $payload $r.ReplyBytes | Should -BeTrue
        $r.Message | Should -BeNullOrEmpty
    }

    It 'sends a 0-length message and returns at once' {
        $r = Send-TcpMessage -Port $server.Port -Message ''
        $r.BytesSent | Should -Be 0
        $r.BytesReceived | Should -Be 0
    }

    It 'uses -Encoding <Name>' -ForEach @(@{ Name = 'unicode'; Size = 4 }, @{ Name = 'utf8'; Size = 3 }, @{ Name = 'latin1'; Size = 2 }) {
        $r = Send-TcpMessage -Port $server.Port -Message 'hé' -Encoding $Name
        $r.BytesSent | Should -Be $Size
        $r.Reply | Should -Be 'hé'
    }

    It 'rejects an unknown encoding at binding' {
        { Send-TcpMessage -Port $server.Port -Message x -Encoding 'no-such-encoding' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }

    It 'reads up to the first -Terminator' {
        $r = Send-TcpMessage -Port $server.Port -Message "line one`nline two`n" -Terminator "`n"
        $r[0].ReplyEnd | Should -Be 'Terminator'
        $r[0].Reply | Should -BeExactly "line one`n"
        # What came after it is never dropped: returned as Leftover when it had been read.
        if ($r.Count -gt 1) { $r[1].ReplyEnd | Should -Be 'Leftover' }
    }

    It 'reads exactly -ReplyLength bytes' {
        $r = Send-TcpMessage -Port $server.Port -Message 'abcdef' -ReplyLength 6
        $r.ReplyEnd | Should -Be 'Length'
        $r.Reply | Should -Be 'abcdef'
    }

    It 'ends a reply shorter than the message after the quiet period' {
        $short = Start-EchoServer -ReplyFormat 'ok'
        $r = Send-TcpMessage -Port $short.Port -Message 'a longer message than the reply' -QuietTimeout 100
        $r.Reply | Should -BeExactly 'ok'
        $r.ReplyEnd | Should -Be 'Quiet'
        $short | Stop-EchoServer
    }

    It 'reads nothing with -NoReply' {
        $r = Send-TcpMessage -Port $server.Port -Message 'fire' -NoReply
        $r.ReplyEnd | Should -Be 'NotRead'
        $r.Reply | Should -BeNullOrEmpty
        $r.BytesSent | Should -Be 4
    }

    It 'refuses conflicting reply rules' {
        { Send-TcpMessage -Port $server.Port -Message x -NoReply -ReplyLength 3 } | Should -Throw -ErrorId 'ConflictingReplyRules,*'
    }
}

Describe 'Send-TcpMessage errors' {
    It 'reports a refused connection as ConnectionError and goes on with the next record' {
        $port = Get-ClosedPort
        $out = 'a', 'b' | Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 2
        $out.Message | Should -Be @('a', 'b')
        $out.Connected | Should -Be @($false, $false)
        $out.Status | Should -Be @('ConnectionRefused', 'ConnectionRefused')
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConnectionRefused,EchoNet.Commands.SendTcpMessageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].TargetObject | Should -Be "127.0.0.1:$port"
        $errs[0].Exception.Message | Should -BeLike "*127.0.0.1:$port*"
    }

    It 'reports an unresolvable host as ObjectNotFound without asking DNS' {
        Send-TcpMessage -ComputerName 'no-such-host.invalid' -Port 7 -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostNotFound,EchoNet.Commands.SendTcpMessageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports an over-long host name as InvalidArgument' {
        Send-TcpMessage -ComputerName ('a' * 300) -Port 7 -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,EchoNet.Commands.SendTcpMessageCommand'
    }

    Context 'against a peer that accepts and never answers' {
        BeforeAll {
            $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $silent.Start()
            $silentPort = $silent.LocalEndpoint.Port
        }
        AfterAll { $silent.Stop() }

        It 'times out with OperationTimeout after -Timeout and goes on' {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $out = 'first', 'second' | Send-TcpMessage -Port $silentPort -Timeout 300 -ErrorVariable errs -ErrorAction SilentlyContinue
            $watch.Stop()
            $out.Status | Should -Be @('Timeout', 'Timeout')
            $out.Connected | Should -Be @($true, $true)
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -Be 'Timeout,EchoNet.Commands.SendTcpMessageCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $errs[0].TargetObject | Should -Be "localhost:$silentPort"
            $errs[0].Exception.Message | Should -Be "No reply from localhost:$silentPort within 300 ms."
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        }

        It 'stops waiting for the reply on Ctrl+C (StopProcessing)' {
            # A peer of its own, so that the connection it accepts is this test's.
            $peer = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $peer.Start()
            $peerPort = $peer.LocalEndpoint.Port
            $job = Start-ThreadJob -ScriptBlock {
                Import-Module $using:manifest
                Send-TcpMessage -Port $using:peerPort -Message 'waiting' -Timeout 60000
            }
            try {
                # Evidence that the cmdlet is in the wait it claims to leave: the peer has the whole
                # message, and the cmdlet waits for a reply only after sending it.
                $accept = $peer.AcceptTcpClientAsync()
                $accept.Wait(10000) | Should -BeTrue -Because 'Send-TcpMessage connects within 10 s'
                $accepted = $accept.Result
                $accepted.ReceiveTimeout = 10000
                [Text.Encoding]::UTF8.GetString((Read-TestBytes -Client $accepted -Count 7)) | Should -Be 'waiting'
                $job.State | Should -Be 'Running'
                # Uncancelled, the wait would last until -Timeout (60 s): a bound, not a speed test.
                $watch = [Diagnostics.Stopwatch]::StartNew()
                Stop-Job $job
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
                $job.State | Should -Be 'Stopped'
                $job.Error | Should -BeNullOrEmpty -Because 'a stopped wait is not a timeout'
            }
            finally {
                $job | Remove-Job -Force
                if ($accepted) { $accepted.Dispose() }
                $peer.Stop()
            }
        }
    }
}

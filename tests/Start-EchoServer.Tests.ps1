BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll {
    Stop-EchoServer -All
}

Describe 'Start-EchoServer (TCP)' -Tag 'Engine' {
    BeforeAll {
        $server = Start-EchoServer -Port 0
    }
    AfterAll {
        $server | Stop-EchoServer
    }

    It 'reports the real port the OS picked for port 0' {
        $server | Should -BeOfType EchoNet.EchoServer
        $server.Port | Should -BeGreaterThan 0
        $server.LocalEndPoints[0].Port | Should -Be $server.Port
        $server.Address.ToString() | Should -Be '127.0.0.1'
        $server.State | Should -Be 'Running'
        $server.Protocol | Should -Be 'Tcp'
    }

    It 'echoes <Length> bytes of all 256 byte values byte-exact' -ForEach @(
        @{ Length = 1 }, @{ Length = 65536 }, @{ Length = 1048576 }
    ) {
        $payload = New-TestBytes -Length $Length
        $reply = Invoke-RawEcho -Port $server.Port -Bytes $payload
        $reply.Length | Should -Be $Length
        Test-SameBytes $payload $reply | Should -BeTrue
    }

    It 'handles a connection that sends nothing and closes' {
        $client = Connect-TestClient -Port $server.Port
        $client.Client.Shutdown([System.Net.Sockets.SocketShutdown]::Send)
        (Read-UntilClosed -Client $client).Length | Should -Be 0   # the server closes its side after our FIN
        $client.Dispose()
    }

    It 'serves 100 clients at once, each getting only its own bytes' {
        $clients = 1..100 | ForEach-Object { Connect-TestClient -Port $server.Port }
        try {
            $payloads = @{}
            for ($i = 0; $i -lt 100; $i++) {
                $payloads[$i] = New-TestBytes -Length (1000 + $i) -Seed $i
                $clients[$i].GetStream().Write($payloads[$i], 0, $payloads[$i].Length)
            }
            Wait-Until { $server.ActiveConnections -ge 100 } | Should -BeTrue
            for ($i = 0; $i -lt 100; $i++) {
                $reply = Read-TestBytes -Client $clients[$i] -Count $payloads[$i].Length
                Test-SameBytes $payloads[$i] $reply | Should -BeTrue -Because "client $i gets its own bytes"
            }
        }
        finally { $clients | ForEach-Object Dispose }
        Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
    }

    It 'keeps live counters' {
        $before = $server.BytesEchoed
        $accepted = $server.ConnectionsAccepted
        $null = Invoke-RawEcho -Port $server.Port -Bytes (New-TestBytes -Length 10)
        Wait-Until { $server.BytesEchoed -eq $before + 10 } | Should -BeTrue
        $server.ConnectionsAccepted | Should -Be ($accepted + 1)
    }
}

Describe 'Start-EchoServer options' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'listens on IPv6 loopback' {
        $v6 = Start-EchoServer -Address '::1'
        $payload = New-TestBytes -Length 300
        Test-SameBytes $payload (Invoke-RawEcho -Port $v6.Port -Bytes $payload -Address '::1') | Should -BeTrue
        $v6.Address.ToString() | Should -Be '::1'
    }

    It 'listens on IPv4 and IPv6 loopback on one port' {
        $both = Start-EchoServer -Address 127.0.0.1, '[::1]'
        $both.LocalEndPoints.Count | Should -Be 2
        $both.LocalEndPoints.Port | Select-Object -Unique | Should -Be $both.Port
        Test-SameBytes ([byte[]](1, 2)) (Invoke-RawEcho -Port $both.Port -Bytes ([byte[]](1, 2)) -Address '::1') | Should -BeTrue
    }

    It 'warns when asked to listen on every address' {
        # -MaxConnections 10: below any descriptor limit, so that no other warning joins in.
        $any = Start-EchoServer -Address 0.0.0.0 -MaxConnections 10 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -BeLike '*every network address*'
        Test-SameBytes ([byte[]](7)) (Invoke-RawEcho -Port $any.Port -Bytes ([byte[]](7))) | Should -BeTrue
    }

    It 'refuses clients over -MaxConnections cleanly and keeps serving' {
        $limited = Start-EchoServer -MaxConnections 2
        $a = Connect-TestClient -Port $limited.Port
        $b = Connect-TestClient -Port $limited.Port
        Wait-Until { $limited.ActiveConnections -eq 2 } | Should -BeTrue
        $c = Connect-TestClient -Port $limited.Port
        try {
            # The third is accepted by the OS, then closed by the server: its read ends.
            (Read-UntilClosed -Client $c).Length | Should -Be 0
            $limited.ConnectionsRefused | Should -Be 1
            $a.GetStream().Write([byte[]](42), 0, 1)
            (Read-TestBytes -Client $a -Count 1)[0] | Should -Be 42
        }
        finally { $a, $b, $c | ForEach-Object Dispose }
    }

    It 'closes a connection idle for longer than -IdleTimeout' {
        $idle = Start-EchoServer -IdleTimeout 1
        $client = Connect-TestClient -Port $idle.Port -TimeoutMs 10000
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            (Read-UntilClosed -Client $client).Length | Should -Be 0
            $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        }
        finally { $client.Dispose() }
    }

    It 'fails with AddressInUse when the port is taken' {
        $first = Start-EchoServer
        $err = { Start-EchoServer -Port $first.Port } | Should -Throw -ErrorId 'AddressInUse,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    }

    It 'fails with InvalidListenAddress for <Address>' -ForEach @(
        @{ Address = 'not-an-address' }, @{ Address = '300.1.1.1' }, @{ Address = 'example.com' }
    ) {
        $err = { Start-EchoServer -Address $Address } | Should -Throw -ErrorId 'InvalidListenAddress,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Address
    }

    It 'rejects port <Port> at parameter binding' -ForEach @(
        @{ Port = -1; Id = 'ParameterArgumentValidationError' }
        @{ Port = 65536; Id = 'ParameterArgumentValidationError' }
        @{ Port = 'abc'; Id = 'CannotConvertArgumentNoMessage' }
    ) {
        { Start-EchoServer -Port $Port } | Should -Throw -ErrorId "$Id,EchoNet.Commands.StartEchoServerCommand"
    }

    It 'runs several servers at once' {
        $servers = 1..3 | ForEach-Object { Start-EchoServer }
        ($servers.Port | Select-Object -Unique).Count | Should -Be 3
        (Get-EchoServer).Count | Should -Be 3
    }
}

Describe 'Start-EchoServer -Wait' -Tag 'Engine' {
    It 'runs in the foreground, writes events, and ends on Stop-EchoServer' {
        $job = Start-WaitingServerJob
        try {
            $waiting = $job.Output[0]
            $waiting.State | Should -Be 'Running'
            $null = Invoke-RawEcho -Port $waiting.Port -Bytes ([byte[]](1, 2, 3))
            Wait-Until { @($job.Output | Where-Object Kind -EQ 'Disconnected').Count -ge 1 } | Should -BeTrue
            # The registry is process-wide: this runspace can stop the job's server.
            Stop-EchoServer -Id $waiting.Id
            Wait-Job $job -Timeout 5 | Should -Not -BeNullOrEmpty
            $kinds = $job.Output | Where-Object { $_ -is [EchoNet.EchoServerEvent] } | ForEach-Object Kind
            $kinds | Should -Contain 'Connected'
            $kinds | Should -Contain 'Disconnected'
            $kinds[-1] | Should -Be 'Stopped'
            ($job.Output | Where-Object Kind -EQ 'Disconnected')[0].Bytes | Should -Be 3
            Test-PortFree -Port $waiting.Port | Should -BeTrue
        }
        finally { $job | Remove-Job -Force }
    }

    It 'stops the server and frees the port when the pipeline is stopped (Ctrl+C)' {
        $job = Start-WaitingServerJob
        try {
            $port = $job.Output[0].Port
            $port | Should -BeGreaterThan 0
            Stop-Job $job
            $job.State | Should -Be 'Stopped'
            Test-PortFree -Port $port | Should -BeTrue
            @(Get-EchoServer -Port $port -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
        finally { $job | Remove-Job -Force }
    }
}

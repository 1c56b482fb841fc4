# Receive-EchoServerEvent: returns and removes (or keeps) recorded events, filters by kind, waits
# with a timeout and Ctrl+C, works across runspaces, and says clearly when a server does not record.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Manifest = Get-EchoNetManifest

    function Send-Text([int] $Port, [string] $Text) {
        # A raw .NET client: connect, send, read the echo, close.
        $bytes = [Text.Encoding]::UTF8.GetBytes($Text)
        $reply = Invoke-RawEcho -Port $Port -Bytes $bytes
        [Text.Encoding]::UTF8.GetString($reply) | Should -BeExactly $Text
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'Receive-EchoServerEvent' -Tag 'Engine' {
    BeforeEach { $server = Start-EchoServer -Port 0 -Record }
    AfterEach { $server | Stop-EchoServer }

    It 'returns the recorded events and removes them, as Receive-Job does' {
        Send-Text -Port $server.Port -Text 'once'
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected   # the whole conversation is recorded
        (@($server | Receive-EchoServerEvent).Kind -join ',') | Should -Be 'Connected,Received'
        @($server | Receive-EchoServerEvent).Count | Should -Be 0
        Send-Text -Port $server.Port -Text 'twice'
        $events = Receive-RecordedEvent -Server $server -Kind Received
        $events.Text | Should -Be 'twice'
        @(Receive-EchoServerEvent -Id $server.Id -Kind Received).Count | Should -Be 0
    }

    It 'leaves the events with -Keep' {
        Send-Text -Port $server.Port -Text 'kept'
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected
        # Disconnected was taken above; Connected and Received are still there.
        $first = @($server | Receive-EchoServerEvent -Keep)
        $second = @($server | Receive-EchoServerEvent -Keep)
        ($first.Kind -join ',') | Should -Be 'Connected,Received'
        ($second.Kind -join ',') | Should -Be 'Connected,Received'
        @($server | Receive-EchoServerEvent).Count | Should -Be 2
        @($server | Receive-EchoServerEvent).Count | Should -Be 0
    }

    It 'returns only the kinds asked for and leaves the rest in order' {
        Send-Text -Port $server.Port -Text 'mixed'
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected
        ($server | Receive-EchoServerEvent -Kind Received).Text | Should -Be 'mixed'
        ($server | Receive-EchoServerEvent).Kind | Should -Be 'Connected'
    }

    It 'reads every recording server when none is named, and only those' {
        $plain = Start-EchoServer -Port 0
        try {
            Send-Text -Port $server.Port -Text 'to the recorder'
            Send-Text -Port $plain.Port -Text 'to the plain one'
            $null = Receive-RecordedEvent -Server $server -Kind Disconnected
            ($server | Receive-EchoServerEvent -Kind Received).Text | Should -Be 'to the recorder'
            Send-Text -Port $server.Port -Text 'again'
            $all = @(Receive-RecordedEvent -Server $server -Kind Received)
            $all.Text | Should -Be 'again'
            Send-Text -Port $server.Port -Text 'unnamed'
            Wait-Until { @(Receive-EchoServerEvent -Kind Received -Keep | Where-Object ServerId -EQ $server.Id).Count -ge 1 } | Should -BeTrue
            $unnamed = @(Receive-EchoServerEvent -Kind Received)
            $unnamed.ServerId | Select-Object -Unique | Should -Be $server.Id
            $unnamed.Text | Should -Be 'unnamed'
        }
        finally { $plain | Stop-EchoServer }
    }

    It 'waits with -Wait until an event arrives, from another runspace' {
        # The wait runs in a thread job (another runspace); the event comes from this one.
        $id = $server.Id
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:Manifest
            Receive-EchoServerEvent -Id $using:id -Kind Received -Wait -Timeout 20000
        }
        try {
            Wait-Until { $job.State -eq 'Running' } | Should -BeTrue
            Send-Text -Port $server.Port -Text 'wake up'
            Wait-Job $job -Timeout 20 | Should -Not -BeNullOrEmpty
            $got = @(Receive-Job $job)
            $got.Count | Should -BeGreaterOrEqual 1
            $got[0].Text | Should -Be 'wake up'
            $got[0].ServerId | Should -Be $server.Id
        }
        finally { $job | Remove-Job -Force }
    }

    It 'returns nothing when -Timeout passes with no event' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $got = @($server | Receive-EchoServerEvent -Wait -Timeout 200)
        $watch.Stop()
        $got.Count | Should -Be 0
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 190
    }

    It 'stops waiting on Ctrl+C (StopProcessing)' {
        $id = $server.Id
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:Manifest
            Write-Output 'waiting'
            Receive-EchoServerEvent -Id $using:id -Wait
        }
        try {
            Wait-Until { @($job.Output).Count -ge 1 } | Should -BeTrue
            $null = $job.StopJobAsync()
            # With no timeout, only the cancellation can end this wait.
            Wait-Until { $job.State -eq 'Stopped' } -TimeoutMs 10000 | Should -BeTrue
        }
        # A job that ignored the stop would hang Remove-Job too: leave it (the test has failed).
        finally { if ($job.State -in 'Stopped', 'Completed', 'Failed') { $job | Remove-Job -Force } }
    }

    It 'gives what a stopped server kept, then nothing, and does not wait for it' {
        Send-Text -Port $server.Port -Text 'last words'
        $null = Receive-RecordedEvent -Server $server -Kind Disconnected
        $server | Stop-EchoServer
        ($server | Receive-EchoServerEvent -Kind Received).Text | Should -Be 'last words'
        @($server | Receive-EchoServerEvent -Wait).Count | Should -Be 1   # Connected, then it ends: nothing more can come
        @($server | Receive-EchoServerEvent -Wait).Count | Should -Be 0
    }
}

Describe 'Receive-EchoServerEvent errors' {
    It 'writes ServerNotRecording for a server started without -Record, and goes on' {
        $plain = Start-EchoServer -Port 0
        $recording = Start-EchoServer -Port 0 -Record
        try {
            $out = @($plain, $recording | Receive-EchoServerEvent -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'ServerNotRecording,EchoNet.Commands.ReceiveEchoServerEventCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject.Id | Should -Be $plain.Id
            "$($errs[0])" | Should -Match '-Record'
        }
        finally { $plain, $recording | Stop-EchoServer }
    }

    It 'writes EchoServerNotFound for an Id no server has' {
        Receive-EchoServerEvent -Id 999999 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'EchoServerNotFound,EchoNet.Commands.ReceiveEchoServerEventCommand'
    }

    It 'rejects a negative -Timeout other than -1 (forever, the default)' {
        { Receive-EchoServerEvent -Wait -Timeout -2 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.ReceiveEchoServerEventCommand'
    }
}

# Stop-EchoServer: by object, Id or -All; the port is free and every client closed on return.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Stop-EchoServer' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'stops servers from the pipeline, frees the port at once, and passes them through' {
        $a = Start-EchoServer
        $stopped = $a | Stop-EchoServer -PassThru
        $stopped.State | Should -Be 'Stopped'
        Test-PortFree -Port $a.Port | Should -BeTrue
        $again = Start-EchoServer -Port $a.Port
        $again.Port | Should -Be $a.Port
    }

    It 'stops a server by Id, and -WhatIf stops nothing' {
        $a = Start-EchoServer
        # In a runspace without a host UI, so that the "What if:" line stays out of the test log.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-EchoNetManifest)).AddStatement().
                AddCommand('Stop-EchoServer').AddParameter('Id', $a.Id).AddParameter('WhatIf').Invoke()
            $ps.Streams.Error.Count | Should -Be 0
        }
        finally { $ps.Dispose() }
        $a.State | Should -Be 'Running'
        Stop-EchoServer -Id $a.Id
        $a.State | Should -Be 'Stopped'
    }

    It 'closes connected clients when stopped' {
        $a = Start-EchoServer
        $client = Connect-TestClient -Port $a.Port
        Wait-Until { $a.ActiveConnections -eq 1 } | Should -BeTrue
        try {
            $a | Stop-EchoServer
            # Fails (throws) if the client's read times out instead of seeing the close.
            (Read-UntilClosed -Client $client).Length | Should -Be 0
        }
        finally { $client.Dispose() }
    }

    It 'leaves no listener behind after 50 start/stop cycles' {
        $ports = foreach ($i in 1..50) {
            $s = Start-EchoServer
            $s | Stop-EchoServer
            $s.Port
        }
        @(Get-EchoServer).Count | Should -Be 0
        $busy = @($ports | Where-Object { -not (Test-PortFree -Port $_) })
        $busy.Count | Should -Be 0
    }

    It 'stops every server when the module is removed' {
        $a = Start-EchoServer
        Remove-Module EchoNet
        try {
            $a.State | Should -Be 'Stopped'
            Test-PortFree -Port $a.Port | Should -BeTrue
        }
        finally { Import-EchoNet }
    }
}

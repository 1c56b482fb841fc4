# Get-EchoServer: the servers running in this session, all or by Id or port; live objects.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Get-EchoServer' {
    BeforeEach { Stop-EchoServer -All }
    AfterEach { Stop-EchoServer -All }

    It 'lists every running server and no stopped one' {
        $a = Start-EchoServer
        $b = Start-EchoServer -Protocol Udp
        $c = Start-EchoServer
        $c | Stop-EchoServer
        $all = @(Get-EchoServer)
        $all.Id | Sort-Object | Should -Be (@($a.Id, $b.Id) | Sort-Object)
        $all | ForEach-Object { $_ | Should -BeOfType EchoNet.EchoServer }
    }

    It 'returns nothing, and no error, when no server runs' {
        $found = Get-EchoServer -ErrorVariable errs
        $found | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
    }

    It 'finds servers by Id and by port' {
        $a = Start-EchoServer
        $b = Start-EchoServer
        (Get-EchoServer -Id $b.Id).Port | Should -Be $b.Port
        (Get-EchoServer -Port $a.Port).Id | Should -Be $a.Id
        @(Get-EchoServer -Id $a.Id, $b.Id).Count | Should -Be 2
    }

    It 'finds a TCP and UDP server by its one port' {
        $both = Start-EchoServer -Protocol Tcp, Udp
        @(Get-EchoServer -Port $both.Port).Id | Should -Be @($both.Id)
    }

    It 'takes -Id from piped objects by property name' {
        $a = Start-EchoServer
        ([pscustomobject]@{ Id = $a.Id } | Get-EchoServer).Port | Should -Be $a.Port
    }

    It 'returns the live server object: its counters move as clients use it' {
        $a = Start-EchoServer
        $found = Get-EchoServer -Id $a.Id
        [object]::ReferenceEquals($found, $a) | Should -BeTrue
        $null = Invoke-RawEcho -Port $a.Port -Bytes ([byte[]](1, 2, 3, 4))
        Wait-Until { $found.BytesEchoed -eq 4 } | Should -BeTrue
        $found.ConnectionsAccepted | Should -Be 1
    }

    It 'writes EchoServerNotFound for an unknown Id and goes on' {
        $a = Start-EchoServer
        $found = Get-EchoServer -Id 999999, $a.Id -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.Id | Should -Be $a.Id
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EchoServerNotFound,EchoNet.Commands.GetEchoServerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 999999
    }

    It 'writes EchoServerNotFound for a port no server listens on and goes on' {
        $a = Start-EchoServer
        $closed = Get-ClosedPort
        $found = Get-EchoServer -Port $closed, $a.Port -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.Id | Should -Be $a.Id
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EchoServerNotFound,EchoNet.Commands.GetEchoServerCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $closed
    }
}

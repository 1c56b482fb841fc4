# The process-wide server registry under concurrent use: servers started in one runspace while
# another stops them all.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'EchoServerRegistry' -Tag 'Engine' {
    It 'lets Stop-EchoServer -All race starts from other runspaces without an error or a leaked server' {
        # Many listeners per server widen the moment between registering a server and starting its
        # listeners, the moment a concurrent Stop-EchoServer -All used to break.
        $manifest = Get-EchoNetManifest
        $starting = 2
        $done = [System.Threading.CountdownEvent]::new($starting)
        $starters = 1..$starting | ForEach-Object {
            Start-ThreadJob -ScriptBlock {
                Import-Module $using:manifest
                $addresses = 1..20 | ForEach-Object { "127.0.0.$_" }
                $started = [System.Collections.Generic.List[object]]::new()
                try {
                    for ($i = 0; $i -lt 250; $i++) {
                        try { $started.Add((Start-EchoServer -Address $addresses -Protocol Tcp, Udp -ErrorAction Stop)) }
                        catch { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
                    }
                }
                finally { ($using:done).Signal() }
                $started.ToArray()
            }
        }
        $stops = 0
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        while (-not $done.IsSet -and $watch.Elapsed.TotalSeconds -lt 60) { Stop-EchoServer -All; $stops++ }
        $output = @($starters | Wait-Job -Timeout 60 | Receive-Job)
        $starters | Remove-Job -Force
        Stop-EchoServer -All
        $done.IsSet | Should -BeTrue
        $errors = @($output | Where-Object { $_ -is [string] })
        $errors | Should -BeNullOrEmpty
        $servers = @($output | Where-Object { $_ -is [EchoNet.EchoServer] })
        $servers.Count | Should -Be 500
        $stops | Should -BeGreaterThan 0
        @($servers | Where-Object State -ne 'Stopped').Count | Should -Be 0
        @(Get-EchoServer).Count | Should -Be 0
        Test-PortFree -Port $servers[-1].Port -Address 127.0.0.20 | Should -BeTrue
    }
}

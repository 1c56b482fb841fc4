# A server in a child pwsh started with a low descriptor limit (ulimit -n), flooded with more
# connections than it can open: it must warn at start, back off instead of spinning while accept
# fails, never crash, and serve again once descriptors are free. Linux only (ulimit, /proc).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repositoryRoot = Split-Path $PSScriptRoot -Parent
    $manifest = Get-EchoNetManifest
    $descriptorLimit = 300

    # The child serves until its standard input closes; 'stats' prints the counters as one line.
    # Everything it needs later is loaded before descriptors run out (ConvertTo-Json included).
    $childScript = Join-Path ([IO.Path]::GetTempPath()) "echonet-emfile-child-$PID.ps1"
    Set-Content -Path $childScript -Value @'
param([string] $Manifest)
Import-Module $Manifest
$server = Start-EchoServer -Port 0 -WarningVariable startWarnings -WarningAction SilentlyContinue
function Write-Stats {
    $stats = $server | Select-Object @{ Name = 'State'; Expression = { "$($_.State)" } }, ConnectionsAccepted, ActiveConnections, ConnectionsRefused, AcceptFailures
    [Console]::Out.WriteLine('STATS ' + ($stats | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}
Write-Stats
[Console]::Out.WriteLine("WARN $($startWarnings -join ' | ')")
[Console]::Out.WriteLine("PORT $($server.Port)")
[Console]::Out.Flush()
while ($null -ne ($line = [Console]::In.ReadLine())) {
    if ($line -eq 'stats') { Write-Stats }
}
$server | Stop-EchoServer
'@

    function Start-LimitedServer {
        $info = [Diagnostics.ProcessStartInfo]::new('bash')
        foreach ($a in '-c', "ulimit -n $descriptorLimit && exec dotnet pwsh -NoProfile -NonInteractive -File '$childScript' -Manifest '$manifest'") {
            $info.ArgumentList.Add($a)
        }
        $info.WorkingDirectory = $repositoryRoot
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $info.Environment['NO_COLOR'] = '1'
        $child = [Diagnostics.Process]::Start($info)
        $errors = $child.StandardError.ReadToEndAsync()
        $lines = @{}
        while ($true) {
            $read = $child.StandardOutput.ReadLineAsync()
            if (-not $read.Wait(60000) -or $null -eq $read.Result) { throw "The child pwsh did not start a server: $($errors.Result)" }
            $key, $value = $read.Result -split ' ', 2
            $lines[$key] = $value
            if ($key -eq 'PORT') { break }
        }
        [pscustomobject]@{ Process = $child; Port = [int]$lines.PORT; Warning = $lines.WARN; Errors = $errors }
    }

    function Get-ChildStats {
        param($Child)
        $Child.Process.StandardInput.WriteLine('stats')
        $read = $Child.Process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait(10000) -or $null -eq $read.Result) { throw 'The child pwsh did not answer (crashed or hung).' }
        $read.Result.Substring(6) | ConvertFrom-Json
    }
}

AfterAll { Remove-Item $childScript -ErrorAction SilentlyContinue }

Describe 'Descriptor exhaustion' -Tag 'Engine' -Skip:(-not $IsLinux) {
    # The child inherits ECHONET_SOCKET_ENGINE, so the second test pass covers the portable engine.
    It 'is survived: a warning, back-off, no crash, serving again' {
        $child = Start-LimitedServer
        $clients = [System.Collections.Generic.List[System.Net.Sockets.Socket]]::new()
        try {
            # More connections than the child can open; they send nothing, so nothing the
            # connections need later has been loaded yet when descriptors run out.
            for ($i = 0; $i -lt $descriptorLimit + 100; $i++) {
                $socket = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
                $socket.Connect('127.0.0.1', $child.Port)
                $clients.Add($socket)
            }
            Wait-Until { (Get-ChildStats $child).AcceptFailures -ge 1 } -TimeoutMs 20000 | Should -BeTrue
            $stuck = Get-ChildStats $child
            # Accept keeps failing while every descriptor is taken: a back-off tries a few times
            # a second, a spinning loop thousands of times.
            Start-Sleep -Milliseconds 1000
            $held = Get-ChildStats $child
            ($held.AcceptFailures - $stuck.AcceptFailures) | Should -BeLessThan 100

            foreach ($socket in $clients) { $socket.Dispose() }
            $clients.Clear()
            # Descriptors are free again: the dead connections are closed and a new client is served.
            Wait-Until { (Get-ChildStats $child).ActiveConnections -eq 0 } -TimeoutMs 30000 | Should -BeTrue
            $served = Wait-Until {
                $client = Connect-TestClient -Port $child.Port -TimeoutMs 2000
                try {
                    $client.GetStream().Write([byte[]](1, 2, 3), 0, 3)
                    try { Test-SameBytes ([byte[]](1, 2, 3)) (Read-TestBytes -Client $client -Count 3) } catch { $false }
                }
                finally { $client.Dispose() }
            } -TimeoutMs 20000 -IntervalMs 200
            $served | Should -BeTrue
            (Get-ChildStats $child).State | Should -Be 'Running'
        }
        finally {
            foreach ($socket in $clients) { $socket.Dispose() }
            try { $child.Process.StandardInput.Close() } catch [System.IO.IOException] { }  # the child may have died
            if (-not $child.Process.WaitForExit(20000)) { $child.Process.Kill() }
        }
        $child.Process.ExitCode | Should -Be 0
        $child.Errors.Result | Should -Not -Match 'Unhandled exception|Out of memory'
        $child.Warning | Should -BeLike "*-MaxConnections 1000*descriptor*$descriptorLimit*"
    }
}

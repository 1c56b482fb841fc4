# Start-EchoServer -Wait as a user sees it: a child pwsh whose output is captured. The data shows
# as table rows (text escaped, hex for binary), after a one-line server summary and a Ctrl+C note.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'Start-EchoServer -Wait output' -Tag 'Engine' {
    It 'prints the received text and datagrams as a table, with a Ctrl+C note' {
        $port = Get-FreeTcpPort
        $ready = Join-Path $TestDrive 'ready'
        $stop = Join-Path $TestDrive 'stop'
        $script = Join-Path $TestDrive 'wait.ps1'
        # The child stops its own server when the stop file appears (Stop-EchoServer is per process),
        # so it ends normally and its output is complete.
        Set-Content -Path $script -Value @'
param($Manifest, $Port, $Ready, $Stop)
Import-Module $Manifest
$null = Start-ThreadJob -ScriptBlock {
    Import-Module $using:Manifest
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Get-EchoServer -Port $using:Port -ErrorAction SilentlyContinue) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
    Set-Content -Path $using:Ready -Value 'listening'
    while (-not (Test-Path $using:Stop) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
    Stop-EchoServer -All
}
Start-EchoServer -Port $Port -Protocol Tcp, Udp -Wait
'@
        $manifest = Get-EchoNetManifest
        $outFile = Join-Path $TestDrive 'out.txt'
        $env:NO_COLOR = '1'
        $child = Start-Process -FilePath dotnet -ArgumentList @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script,
            $manifest, $port, $ready, $stop) -RedirectStandardOutput $outFile -RedirectStandardError (Join-Path $TestDrive 'err.txt') -PassThru
        try {
            Wait-Until { Test-Path $ready } -TimeoutMs 30000 | Should -BeTrue -Because 'the child server should start'
            $client = Connect-TestClient -Port $port
            try {
                $client.Client.Send([Text.Encoding]::UTF8.GetBytes("hi`r`n")) | Out-Null
                $null = Read-TestBytes -Client $client -Count 4
                $client.Client.Send([byte[]](0, 1, 2)) | Out-Null
                $null = Read-TestBytes -Client $client -Count 3
            }
            finally { $client.Dispose() }
            $null = Invoke-RawUdpEcho -Port $port -Bytes ([Text.Encoding]::UTF8.GetBytes('udp!'))
            Set-Content -Path $stop -Value 'stop'
            $child.WaitForExit(30000) | Should -BeTrue -Because 'the child should end once its server stops'
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            Remove-Item Env:NO_COLOR
        }
        $out = Get-Content $outFile
        $text = $out -join "`n"
        $text | Should -Match "Echo server \d+ \(Tcp, Udp\) listening on 127\.0\.0\.1:$port"
        $text | Should -Match 'Press Ctrl\+C to stop\.'
        # One table: a single header row, then rows; no list formatting ("Kind : ...").
        @($out | Where-Object { $_ -match '^Time\s+Kind\s+Remote\s+Conn\s+Bytes\s+Data' }).Count | Should -Be 1
        $text | Should -Not -Match '(?m)^Kind\s+:'
        $rows = $out | Where-Object { $_ -match '^\d\d:\d\d:\d\d\.\d{3} ' }
        ($rows | Where-Object { $_ -match '\bReceived\b.*hi\\r\\n' }) | Should -Not -BeNullOrEmpty -Because 'text shows with escaped control characters'
        ($rows | Where-Object { $_ -match '\bReceived\b.*\\0\\x01\\x02' }) | Should -Not -BeNullOrEmpty -Because 'binary shows as \xHH escapes'
        ($rows | Where-Object { $_ -match '\bDatagram\b.*udp!' }) | Should -Not -BeNullOrEmpty
        ($rows | Where-Object { $_ -match '\bConnected\b' }) | Should -Not -BeNullOrEmpty
    }
}

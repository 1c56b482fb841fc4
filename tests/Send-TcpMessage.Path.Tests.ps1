# Send-TcpMessage -Path: a file's bytes streamed, never loaded whole; -OutFile takes what comes
# back as it arrives. Peers are Python (tests/peers/file_peer.py), not EchoNet; byte-exact by
# SHA-256 or byte comparison. The 256 MiB run happens in a child pwsh whose peak working set is
# read before and after (the bound is what "not loaded whole" means here).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Start-FilePeer {
        param([ValidateSet('sink', 'echo')] [string] $Mode)
        $info = [System.Diagnostics.ProcessStartInfo]::new((Get-PythonPath))
        foreach ($a in '-u', (Join-Path $PSScriptRoot 'peers/file_peer.py'), $Mode) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $line = $process.StandardOutput.ReadLineAsync()
        if (-not $line.Wait(10000)) { $process.Kill(); throw 'file_peer.py printed no port within 10 s.' }
        [pscustomobject]@{ Port = [int]$line.Result; Process = $process }
    }

    function Stop-FilePeer {
        # The peer's last line (the sink's count and hash), waiting at most 60 s for it to end.
        param($Peer)
        $rest = $Peer.Process.StandardOutput.ReadToEndAsync()
        if (-not $Peer.Process.WaitForExit(60000)) { $Peer.Process.Kill() }
        $Peer.Process.Dispose()
        $rest.Result.Trim()
    }

    function New-RandomFile {
        param([string] $Path, [long] $Length)
        $block = [byte[]]::new([Math]::Min(1MB, $Length))
        $random = [System.Random]::new(5)
        $stream = [System.IO.File]::Create($Path)
        try {
            for ($left = $Length; $left -gt 0; $left -= $block.Length) {
                $random.NextBytes($block)
                $stream.Write($block, 0, [Math]::Min($block.Length, $left))
            }
        }
        finally { $stream.Dispose() }
    }
}

Describe 'Send-TcpMessage -Path' -Skip:(-not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)) {
    It 'streams a 256 MiB file with -NoReply byte-exact, the working set staying bounded' {
        $file = Join-Path $TestDrive 'big.bin'
        New-RandomFile $file 256MB
        $expected = (Get-FileHash $file -Algorithm SHA256).Hash.ToLowerInvariant()
        $peer = Start-FilePeer sink
        try {
            $script = "Import-Module '$(Get-EchoNetManifest)'; [GC]::Collect(); `$p = [System.Diagnostics.Process]::GetCurrentProcess(); " +
                "`$p.Refresh(); `$before = `$p.PeakWorkingSet64; " +
                "`$r = Send-TcpMessage 127.0.0.1 $($peer.Port) -Path '$file' -NoReply -Timeout 30000; " +
                "`$p.Refresh(); 'RESULT {0} {1} {2} {3}' -f `$r.Status, `$r.BytesSent, `$before, `$p.PeakWorkingSet64"
            $child = Invoke-ChildPwsh -Arguments '-Command', $script -TimeoutSeconds 180
        }
        finally { $sunk = Stop-FilePeer $peer }
        $child.Output -match 'RESULT Success 268435456 (\d+) (\d+)' | Should -BeTrue -Because $child.Output
        $grew = [long]$Matches[2] - [long]$Matches[1]
        $grew | Should -BeLessThan 64MB -Because "the peak working set grew by $([Math]::Round($grew / 1MB)) MiB"
        $sunk | Should -BeExactly "268435456 $expected"
    }

    It 'writes the echo of a file to -OutFile as it arrives, byte-exact' {
        $file = Join-Path $TestDrive 'echoed.bin'
        $out = Join-Path $TestDrive 'echo-back.bin'
        New-RandomFile $file (8MB + 3)
        $peer = Start-FilePeer echo
        try { $r = Send-TcpMessage 127.0.0.1 $peer.Port -Path $file -OutFile $out -Timeout 20000 }
        finally { $null = Stop-FilePeer $peer }
        $r.Status | Should -Be 'Success'
        $r.ReplyEnd | Should -Be 'Echo'
        $r.BytesSent | Should -Be (8MB + 3)
        $r.BytesReceived | Should -Be (8MB + 3)
        $r.ReplyBytes.Length | Should -Be 0 -Because 'the echo went to the file, not into memory'
        (Get-FileHash $out).Hash | Should -Be (Get-FileHash $file).Hash
    }

    It 'holds the echo of a small file as the reply without -OutFile' {
        $file = Join-Path $TestDrive 'small.bin'
        New-RandomFile $file 100000
        $peer = Start-FilePeer echo
        try { $r = Send-TcpMessage 127.0.0.1 $peer.Port -Path $file -Timeout 20000 }
        finally { $null = Stop-FilePeer $peer }
        $r.ReplyEnd | Should -Be 'Echo'
        Test-SameBytes ([System.IO.File]::ReadAllBytes($file)) $r.ReplyBytes | Should -BeTrue
    }

    It 'says what is wrong: no such file, -OutFile without -Path, -Path with a message' {
        { Send-TcpMessage 127.0.0.1 1 -Path (Join-Path $TestDrive 'none.bin') -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,*'
        { Send-TcpMessage 127.0.0.1 1 -Message hi -OutFile (Join-Path $TestDrive 'o.bin') -ErrorAction Stop } | Should -Throw -ErrorId 'OutFileNeedsPath,*'
        $file = Join-Path $TestDrive 'm.bin'
        New-RandomFile $file 10
        { Send-TcpMessage 127.0.0.1 1 -Message hi -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'PathWithMessage,*'
    }
}

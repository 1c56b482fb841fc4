# Enter-TcpSession at a real console: tests/peers/console_session.py runs an interactive
# `dotnet pwsh -NoProfile` (PSReadLine loaded) on a pseudo-terminal, types as a user does and
# meets Python peers (not EchoNet): a prompt without a newline, Ctrl+D, Ctrl+C, a peer that
# closes. After every way of leaving, a typed command must run intact; at the end Ctrl+C must
# still interrupt Start-Sleep. The walk runs once (bounded at 240 s); each check is one test.
BeforeDiscovery {
    $script:checks = 'psreadline', 'import', 'prompt-shown', 'prompt-typing-after', 'prompt-peer-read', 'intact-after-prompt',
        'eof-greeting', 'eof-half-close', 'intact-after-eof', 'ctrlc-greeting', 'ctrlc-closes', 'intact-after-ctrlc',
        'closes-shown', 'intact-after-closes', 'ctrlc-interrupts-sleep'
    $script:noPty = -not $IsLinux -or -not (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:results = @{}
    $script:walkOutput = ''
    if ($IsLinux -and (Get-PythonPath)) {
        $info = [System.Diagnostics.ProcessStartInfo]::new((Get-PythonPath))
        foreach ($a in '-u', (Join-Path $PSScriptRoot 'peers/console_session.py'), (Get-EchoNetManifest), (Split-Path (Get-EchoNetManifest))) {
            $info.ArgumentList.Add($a)
        }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $out = $process.StandardOutput.ReadToEndAsync()
        $err = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(250000)) { $process.Kill($true) }
        $script:walkOutput = $out.Result + $err.Result
        foreach ($line in $out.Result -split "`n") {
            if ($line -match '^CHECK (\S+) (PASS|FAIL) ?(.*)$') { $script:results[$Matches[1]] = $Matches[2] + ' ' + $Matches[3] }
        }
    }
}

Describe 'Enter-TcpSession at a console (pseudo-terminal, PSReadLine)' -Skip:$noPty {
    It '<_>' -ForEach $checks {
        $result = $results[$_]
        if (-not $result) { $result = "not reached; the walk printed: $walkOutput" }
        $result.Trim() | Should -BeExactly 'PASS'
    }
}

# Every example users read is one the tests run: the code of each help example (as Get-Help shows
# it) and each ```powershell block of the README runs in a fresh runspace with the built module,
# against its own loopback servers. An example passes when it finishes in time, writes no error,
# and stops every server it started.
# Not run: help examples whose title ends with "[interactive]" or "[Pester]" (a test file that
# tests/PesterExample.Tests.ps1 runs under Invoke-Pester), and README blocks preceded by
# "<!-- not run: <reason> -->". Both are reported as skipped with the reason.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $root = Split-Path (Get-EchoNetManifest)
    $helpExamples = foreach ($command in Get-Command -Module EchoNet | Sort-Object Name) {
        $n = 0
        foreach ($e in @((Get-Help $command.Name -Examples).examples.example)) {
            $n++
            $title = ($e.title -replace '^-+\s*|\s*-+$', '').Trim()
            @{
                Command = $command.Name
                Title   = $title
                Code    = "$($e.code)"
                Skip    = if ($title -match '\[interactive\]\s*$') { 'it is interactive: it runs in the foreground until Ctrl+C' }
                          elseif ($title -match '\[Pester\]\s*$') { 'it is a Pester test file: tests/PesterExample.Tests.ps1 runs it under Invoke-Pester' }
                          else { $null }
            }
        }
    }

    # README: every ```powershell block; a "<!-- not run: reason -->" line just before it opts out.
    $readmeBlocks = @()
    $lines = Get-Content (Join-Path $root 'README.md')
    $skip = $null
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match '^<!--\s*not run:\s*(.+?)\s*-->') { $skip = $Matches[1]; continue }
        if ($lines[$i] -match '^```powershell\s*$') {
            $start = $i + 1
            $i++
            while ($i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$') { $i++ }
            $readmeBlocks += @{ Line = $start; Code = ($lines[$start..($i - 1)] -join "`n"); Skip = $skip }
            $skip = $null
        }
        elseif ($lines[$i].Trim()) { $skip = $null }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $script:Root = Split-Path (Get-EchoNetManifest)

    function Invoke-Example {
        <#
            Runs code in a new runspace of this process (the module imported, the repository root as
            the current folder), bounded in time. Returns its output, errors and whether it finished.
        #>
        param([string] $Code, [int] $TimeoutMs = 30000)
        $ps = [powershell]::Create()
        try {
            # One script, not AddStatement(): a stopped statement batch can fault after Dispose and
            # take the whole process down (PowerShell's BatchInvocationWorkItem).
            $prelude = 'Set-Location -LiteralPath $args[0]; Import-Module $args[1]' + [Environment]::NewLine
            $null = $ps.AddScript($prelude + $Code).AddArgument($Root).AddArgument((Get-EchoNetManifest))
            $async = $ps.BeginInvoke()
            $finished = $async.AsyncWaitHandle.WaitOne($TimeoutMs)
            if (-not $finished) { $ps.Stop() }
            $output = $null
            $failure = $null
            try { if ($finished) { $output = $ps.EndInvoke($async) } }
            catch { $failure = $_.Exception.InnerException ?? $_.Exception }
            [pscustomobject]@{
                Finished = $finished
                Output   = @($output)
                Errors   = @($ps.Streams.Error | ForEach-Object { "$_ ($($_.FullyQualifiedErrorId))" }) + @(if ($failure) { "terminating: $($failure.Message)" })
            }
        }
        finally { $ps.Dispose() }
    }

    function Test-Example {
        param([string] $Code, [string] $Name)
        $before = @(Get-EchoServer | ForEach-Object Id)
        $result = Invoke-Example -Code $Code
        $leftover = @(Get-EchoServer | Where-Object { $before -notcontains $_.Id })
        $leftover | Stop-EchoServer    # so one failing example does not break the next
        $result.Finished | Should -BeTrue -Because "$Name must finish within 30 s"
        $result.Errors | Should -BeNullOrEmpty -Because "$Name must run without errors"
        $leftover.Count | Should -Be 0 -Because "$Name must stop the servers it starts"
        $result
    }
}

Describe 'Help example: <Command>, <Title>' -ForEach $helpExamples {
    It 'runs on loopback, without errors, and cleans up' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $Code | Should -Not -Match 'Start-EchoServer[^\r\n|;]*-Wait\b' -Because 'an example that waits for Ctrl+C must be tagged [interactive]'
        $result = Test-Example -Code $Code -Name "$Command example '$Title'"
        # Examples show something: output objects or, for the quiet ones, a -WhatIf report.
        ($result.Output.Count -gt 0 -or $Code -match '-WhatIf') | Should -BeTrue -Because 'an example should show a result'
    }
}

Describe 'README example at line <Line>' -ForEach $readmeBlocks {
    It 'runs on loopback, without errors, and cleans up' {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $null = Test-Example -Code $Code -Name "README block at line $Line"
    }
}

Describe 'The example harness' {
    It 'sees errors, terminating errors, output and time-outs' {
        $refused = Invoke-Example -Code 'Send-TcpMessage -Port 1 -Message x -Timeout 1000'
        $refused.Errors | Should -Match 'ConnectionRefused'
        (Invoke-Example -Code 'throw "boom"').Errors | Should -Match 'boom'
        (Invoke-Example -Code '"a"; "b"').Output | Should -Be 'a', 'b'
        (Invoke-Example -Code 'Start-Sleep -Seconds 10' -TimeoutMs 300).Finished | Should -BeFalse
    }

    It 'runs examples with the module, and servers they leave behind are visible here' {
        $result = Invoke-Example -Code '$s = Start-EchoServer -Port 0; $s.Port'
        try {
            $result.Errors | Should -BeNullOrEmpty
            @(Get-EchoServer -Port $result.Output[0]).Count | Should -Be 1
        }
        finally { Get-EchoServer -Port $result.Output[0] -ErrorAction SilentlyContinue | Stop-EchoServer }
    }
}

Describe 'The example sources' {
    It 'give every exported command at least three runnable help examples' {
        foreach ($command in Get-Command -Module EchoNet) {
            $runnable = @((Get-Help $command.Name -Examples).examples.example | Where-Object { $_.title -notmatch '\[interactive\]' })
            $runnable.Count | Should -BeGreaterOrEqual 3 -Because "$($command.Name) needs three examples the tests run"
        }
    }

    It 'include README blocks that run' {
        $lines = Get-Content (Join-Path $Root 'README.md')
        @($lines | Where-Object { $_ -match '^```powershell\s*$' }).Count | Should -BeGreaterThan 0
    }

    It 'use loopback only' {
        # No example may reach beyond this machine: no addresses but loopback, no wildcard binds.
        $readme = [regex]::Matches((Get-Content (Join-Path $Root 'README.md') -Raw), '(?ms)^```powershell\s*$(.*?)^```') | ForEach-Object { $_.Groups[1].Value }
        $text = (@((Get-Command -Module EchoNet) | ForEach-Object { (Get-Help $_.Name -Examples).examples.example.code }) + $readme) -join "`n"
        $text | Should -Match 'Start-EchoServer'
        $addresses = [regex]::Matches($text, '\b\d{1,3}(\.\d{1,3}){3}\b') | ForEach-Object Value |
            Where-Object { $_ -notmatch '^127\.' -and $_ -notmatch '^0\.0\.0\.0$' }
        $addresses | Should -BeNullOrEmpty
        $text | Should -Not -Match "Address\s+('\*'|\*|any|0\.0\.0\.0|::)(\s|$)"
    }
}

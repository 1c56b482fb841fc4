# The Pester example of the README and of Get-Help Receive-EchoServerEvent (example 4) is one and
# the same test file, and it passes under Invoke-Pester with the built module (issue 15, item 6).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

    function Get-FencedBlock {
        # The ```powershell block that follows the first line matching $After.
        param([string] $Path, [string] $After)
        $lines = Get-Content $Path
        $start = ($lines | Select-String -Pattern $After | Select-Object -First 1).LineNumber
        if (-not $start) { throw "No line matching '$After' in $Path" }
        for ($i = $start; $i -lt $lines.Count -and $lines[$i] -notmatch '^```powershell\s*$'; $i++) { }
        $end = $i + 1
        while ($end -lt $lines.Count -and $lines[$end] -notmatch '^```\s*$') { $end++ }
        $lines[($i + 1)..($end - 1)] -join "`n"
    }

    $script:HelpExample = Get-FencedBlock -Path (Join-Path $root 'docs/Receive-EchoServerEvent.md') -After '^### Example \d+: .*\[Pester\]\s*$'
    $script:ReadmeExample = Get-FencedBlock -Path (Join-Path $root 'README.md') -After '^<!-- not run: a Pester test file;'
    $script:BadNetworkExample = Get-FencedBlock -Path (Join-Path $root 'README.md') -After '^<!-- not run: a Pester test file of a client against a bad network'
    $script:MailExample = Get-FencedBlock -Path (Join-Path $root 'README.md') -After '^<!-- not run: a Pester test file of a mail function'

    function Invoke-ExampleUnderPester {
        # Runs test-file text under Invoke-Pester in a child pwsh with the built module; returns its counts.
        param([string] $Code)
        $file = Join-Path $TestDrive ("example-{0}.Tests.ps1" -f [guid]::NewGuid().ToString('n'))
        Set-Content -Path $file -Value $Code
        $runner = Join-Path $TestDrive 'run.ps1'
        Set-Content -Path $runner -Value @'
param($Pester, $Manifest, $File)
Import-Module $Pester
Import-Module $Manifest
$r = Invoke-Pester -Path $File -PassThru -Output None
"$($r.PassedCount) $($r.FailedCount + $r.FailedContainersCount + $r.FailedBlocksCount)"
'@
        $pester = (Get-Module Pester).Path -replace '\.psm1$', '.psd1'
        $out = (Invoke-ChildPwsh -Arguments '-File', $runner, $pester, (Get-EchoNetManifest), $file -TimeoutSeconds 180).Output -split '\r?\n'
        $last = "$($out | Where-Object { $_.Trim() } | Select-Object -Last 1)".Trim()
        if ($last -notmatch '^(\d+) (\d+)$') { throw "The child run did not report counts: $($out -join "`n")" }
        [pscustomobject]@{ Passed = [int]$Matches[1]; Failed = [int]$Matches[2] }
    }
}

Describe 'The Pester example of issue 15' -Tag 'Engine' {
    It 'is the same in the README and in the help' {
        $HelpExample | Should -Match 'Receive-EchoServerEvent'
        $ReadmeExample | Should -BeExactly $HelpExample
    }

    It 'passes under Invoke-Pester' {
        $result = Invoke-ExampleUnderPester -Code $HelpExample
        $result.Failed | Should -Be 0
        $result.Passed | Should -Be 2
    }

    It 'fails when the client under test sends something else' {
        # The example must be able to fail: a syslog sender with the wrong priority, a line sender without CR.
        $broken = $HelpExample.Replace('"<14>$Message"', '"<13>$Message"').Replace('"$Line`r`n"', '"$Line`n"')
        $broken | Should -Not -Be $HelpExample
        $result = Invoke-ExampleUnderPester -Code $broken
        $result.Failed | Should -Be 2
    }
}

Describe 'The fake SMTP server example of issue 20 (README)' {
    It 'passes under Invoke-Pester' {
        $MailExample | Should -Match 'Start-EchoServer -Terminator'
        $result = Invoke-ExampleUnderPester -Code $MailExample
        $result.Failed | Should -Be 0
        $result.Passed | Should -Be 1
    }

    It 'fails when the mail function breaks the protocol' {
        # A client that skips RCPT: the recorded conversation differs, the test must fail.
        $broken = $MailExample.Replace('"RCPT TO:<$To>", ', '')
        $broken | Should -Not -Be $MailExample
        $result = Invoke-ExampleUnderPester -Code $broken
        $result.Failed | Should -Be 1
    }
}

# Once, not per engine: FaultInjection.Tests.ps1 covers the faults on both engines.
Describe 'The bad-network example of issue 22 (README)' {
    It 'passes under Invoke-Pester' {
        $BadNetworkExample | Should -Match 'Set-EchoServer -Down'
        $result = Invoke-ExampleUnderPester -Code $BadNetworkExample
        $result.Failed | Should -Be 0
        $result.Passed | Should -Be 4
    }

    It 'fails when the client under test stops retrying' {
        # A client that tries once whatever it is told: the reset and retry tests must fail.
        $broken = $BadNetworkExample.Replace('$try -le $Tries', '$try -le 1')
        $broken | Should -Not -Be $BadNetworkExample
        $result = Invoke-ExampleUnderPester -Code $broken
        $result.Failed | Should -BeGreaterOrEqual 1
    }
}

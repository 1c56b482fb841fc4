<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with the given Pester and ends with the line CI reads:
    "N passed, N failed, N skipped". Exits non-zero on any failure or when nothing ran.
.DESCRIPTION
    On Linux the echo server has two socket engines: the epoll event loop (the default) and the
    portable SocketAsyncEventArgs engine (used on Windows and macOS, and for TLS). The engine is
    chosen once per process, so the tests tagged 'Engine' (Describe or It -Tag 'Engine': every
    test whose outcome rests on the server's sockets) run a second time in a child pwsh with
    ECHONET_SOCKET_ENGINE=saea; the closing line counts both passes.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    # Which test files to run (a wildcard on the name); build.ps1 -TestFilter passes it in the
    # environment, as pwsh on Unix would expand a wildcard argument against the current folder.
    [string] $Filter = $(if ($env:ECHONET_TEST_FILTER) { $env:ECHONET_TEST_FILTER } else { '*' }),
    # Internal: run as the second pass (the 'Engine' tests only) and write the counts to this file
    # instead of printing them.
    [string] $CountsPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

# The tag that marks a test as depending on the socket engine.
$engineTag = 'Engine'

function Invoke-TestFiles {
    param([System.IO.FileInfo[]] $Files, [string[]] $Tag)
    $config = New-PesterConfiguration
    $config.Run.Path = $Files.FullName
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    # No colour codes in a log: NO_COLOR asks for none, and the second pass's output is always a pipe.
    if ($env:NO_COLOR -or [Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' }
    $config.Should.ErrorAction = 'Stop'
    if ($Tag) { $config.Filter.Tag = $Tag }
    $result = Invoke-Pester -Configuration $config
    if ($null -eq $result) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    # Containers that failed to run (parse errors, failing BeforeAll) count as failures too.
    $failed = $result.FailedCount + $result.FailedContainersCount + $result.FailedBlocksCount
    if ($failed -eq 0 -and $result.Result -ne 'Passed') { $failed = 1 }
    [pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount }
}

$files = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -Like "$Filter*")
if ($files.Count -eq 0) {
    if ($CountsPath) { exit 1 }
    Write-Host "No test files match '$Filter' in $PSScriptRoot"
    Write-Host '0 passed, 1 failed'
    exit 1
}
if ($CountsPath) {
    Invoke-TestFiles $files -Tag $engineTag | ConvertTo-Json | Set-Content -Path $CountsPath
    exit 0
}

# Tests write into the temp folder (TestDrive) and bin/, out/, obj/ only: the repository root must
# not gain an entry (as NuGet/NuGet.Config once appeared there from Publish-PSResource).
$repositoryRoot = Split-Path $PSScriptRoot
$rootBefore = @(Get-ChildItem -LiteralPath $repositoryRoot -Force | ForEach-Object Name)

$total = Invoke-TestFiles $files
# Files that carry the tag at all (a cheap look at the text; Pester's tag filter does the rest).
$tagged = @($files | Where-Object { Select-String -LiteralPath $_.FullName -Pattern "-Tag\s+['`"]?$engineTag\b" -Quiet })
if ($IsLinux -and $tagged.Count -gt 0) {
    Write-Host ''
    Write-Host "== Second pass: the tests tagged '$engineTag' ($($tagged.Count) files) on the SocketAsyncEventArgs engine (ECHONET_SOCKET_ENGINE=saea)"
    $countsPath = Join-Path ([IO.Path]::GetTempPath()) "echonet-saea-$PID.json"
    $env:ECHONET_SOCKET_ENGINE = 'saea'
    try {
        # The filter goes in the environment: pwsh on Unix expands a wildcard argument to a native command.
        $env:ECHONET_TEST_FILTER = $Filter
        & dotnet pwsh -NoProfile -NonInteractive -File $PSCommandPath -PesterManifest $PesterManifest -CountsPath $countsPath
        $saea = if (Test-Path $countsPath) { Get-Content $countsPath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
        # A tag filter that selects nothing is a broken second pass, not a green one.
        if ($saea.Passed -eq 0 -and $saea.Failed -eq 0) { $saea.Failed = 1; Write-Host "The second pass ran no test tagged '$engineTag'." }
    }
    finally {
        Remove-Item Env:ECHONET_SOCKET_ENGINE, Env:ECHONET_TEST_FILTER -ErrorAction SilentlyContinue
        Remove-Item $countsPath -ErrorAction SilentlyContinue
    }
    $total = [pscustomobject]@{
        Passed = $total.Passed + $saea.Passed
        Failed = $total.Failed + $saea.Failed
        Skipped = $total.Skipped + $saea.Skipped
    }
}

$rootGained = @(Get-ChildItem -LiteralPath $repositoryRoot -Force | ForEach-Object Name |
    Where-Object { $rootBefore -notcontains $_ -and $_ -notin 'bin', 'obj', 'out' })
if ($rootGained.Count -gt 0) {
    Write-Host ''
    Write-Host "The test run left new entries in the repository root: $($rootGained -join ', ')"
    $total.Failed++
}

Write-Host ''
Write-Host ('{0} passed, {1} failed, {2} skipped' -f $total.Passed, $total.Failed, $total.Skipped)
if ($total.Failed -gt 0 -or $total.Passed -eq 0) { exit 1 }
exit 0

<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with the given Pester and ends with the line CI reads:
    "N passed, N failed, N skipped". Exits non-zero on any failure or when nothing ran.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

$files = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -Like "$Filter*")
if ($files.Count -eq 0) {
    Write-Host "No test files match '$Filter' in $PSScriptRoot"
    Write-Host '0 passed, 1 failed'
    exit 1
}

$config = New-PesterConfiguration
$config.Run.Path = $files.FullName
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Should.ErrorAction = 'Stop'
$result = Invoke-Pester -Configuration $config

if ($null -eq $result) {
    Write-Host 'Pester returned no result.'
    Write-Host '0 passed, 1 failed'
    exit 1
}

# Containers that failed to run (parse errors, failing BeforeAll) count as failures too.
$failed = $result.FailedCount + $result.FailedContainersCount + $result.FailedBlocksCount
Write-Host ''
Write-Host ('{0} passed, {1} failed, {2} skipped' -f $result.PassedCount, $failed, $result.SkippedCount)
if ($failed -gt 0 -or $result.PassedCount -eq 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0

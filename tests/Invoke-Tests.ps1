<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with the given Pester and ends with the line CI reads:
    "N passed, N failed, N skipped". Exits non-zero on any failure or when nothing ran.
.DESCRIPTION
    On Linux the echo server has two socket engines: the epoll event loop (the default) and the
    portable SocketAsyncEventArgs engine (used on Windows and macOS, and for TLS and reply
    formats). The engine is chosen once per process, so the socket test files run a second
    time in a child pwsh with ECHONET_SOCKET_ENGINE=saea; the closing line counts both passes.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [string] $Filter = '*',
    # Internal: run as the second pass and write the counts to this file instead of printing them.
    [string] $CountsPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

# The files whose behaviour depends on the socket engine.
$engineFiles = 'Start-EchoServer', 'Stop-EchoServer', 'Send-TcpMessage', 'Send-UdpDatagram', 'Faults', 'AccessControl', 'Framing', 'TcpSession', 'Targets'

function Invoke-TestFiles {
    param([System.IO.FileInfo[]] $Files)
    $config = New-PesterConfiguration
    $config.Run.Path = $Files.FullName
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.Should.ErrorAction = 'Stop'
    $result = Invoke-Pester -Configuration $config
    if ($null -eq $result) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    # Containers that failed to run (parse errors, failing BeforeAll) count as failures too.
    $failed = $result.FailedCount + $result.FailedContainersCount + $result.FailedBlocksCount
    if ($failed -eq 0 -and $result.Result -ne 'Passed') { $failed = 1 }
    [pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount }
}

$files = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -Like "$Filter*")
if ($CountsPath) {
    $files = @($files | Where-Object { $engineFiles -contains ($_.Name -replace '\.Tests\.ps1$') })
    Invoke-TestFiles $files | ConvertTo-Json | Set-Content -Path $CountsPath
    exit 0
}
if ($files.Count -eq 0) {
    Write-Host "No test files match '$Filter' in $PSScriptRoot"
    Write-Host '0 passed, 1 failed'
    exit 1
}

$total = Invoke-TestFiles $files
$secondPass = @($files | Where-Object { $engineFiles -contains ($_.Name -replace '\.Tests\.ps1$') })
if ($IsLinux -and $secondPass.Count -gt 0) {
    Write-Host ''
    Write-Host "== Second pass: $($secondPass.Count) socket test files on the SocketAsyncEventArgs engine (ECHONET_SOCKET_ENGINE=saea)"
    $countsPath = Join-Path ([IO.Path]::GetTempPath()) "echonet-saea-$PID.json"
    $env:ECHONET_SOCKET_ENGINE = 'saea'
    try {
        # -Filter only when narrowed: pwsh on Unix expands a bare '*' handed to a native command.
        $narrow = if ($Filter -ne '*') { @('-Filter', $Filter) } else { @() }
        & dotnet pwsh -NoProfile -NonInteractive -File $PSCommandPath -PesterManifest $PesterManifest -CountsPath $countsPath @narrow
        $saea = if (Test-Path $countsPath) { Get-Content $countsPath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    }
    finally {
        Remove-Item Env:ECHONET_SOCKET_ENGINE
        Remove-Item $countsPath -ErrorAction SilentlyContinue
    }
    $total = [pscustomobject]@{
        Passed = $total.Passed + $saea.Passed
        Failed = $total.Failed + $saea.Failed
        Skipped = $total.Skipped + $saea.Skipped
    }
}

Write-Host ''
Write-Host ('{0} passed, {1} failed, {2} skipped' -f $total.Passed, $total.Failed, $total.Skipped)
if ($total.Failed -gt 0 -or $total.Passed -eq 0) { exit 1 }
exit 0

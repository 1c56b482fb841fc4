<#
.SYNOPSIS
    Builds, tests and demonstrates the EchoNet module.
.DESCRIPTION
    A plain script with named tasks; each does one thing and says what.
      Build (default)  compile src/ into bin/ so that Import-Module ./EchoNet.psd1 works
      Test             Build, restore the pinned Pester, run every tests/*.Tests.ps1 in a fresh pwsh
      Demo             Build, then start a server on port 0, send messages, print results, stop it
      Bench            Build, then run bench/ (EchoNet vs a plain .NET server, loopback only); -Quick for a short pass
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Test: run only the test files whose names match this wildcard.
    [string] $TestFilter,
    # Bench: a one-minute pass instead of the full run.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Invoke-DotNet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-BuildTask {
    Write-Host "== Build: src/EchoNet -> bin/ ($Configuration)"
    Invoke-DotNet build (Join-Path $root 'src/EchoNet/EchoNet.csproj') -c $Configuration -o (Join-Path $root 'bin') --nologo -v quiet '-clp:NoSummary'
}

function Get-PesterManifest {
    Write-Host '== Restore: Pester (tools/TestDeps)'
    $project = Join-Path $root 'tools/TestDeps/TestDeps.csproj'
    Invoke-DotNet restore $project --nologo -v quiet
    $assets = Get-Content (Join-Path $root 'tools/TestDeps/obj/project.assets.json') -Raw | ConvertFrom-Json
    $version = ([xml](Get-Content $project -Raw)).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
    foreach ($folder in $assets.packageFolders.PSObject.Properties.Name) {
        $manifest = Join-Path $folder "pester/$version/tools/Pester.psd1"
        if (Test-Path $manifest) { return $manifest }
    }
    throw "Pester $version was restored but its manifest was not found in: $($assets.packageFolders.PSObject.Properties.Name -join ', ')"
}

function Invoke-TestTask {
    Invoke-BuildTask
    $pester = Get-PesterManifest
    Write-Host '== Test: tests/*.Tests.ps1 in a fresh pwsh'
    # A fresh process: nothing leaks from this session, and the module loads as a user's would.
    # Passed only when given: pwsh on Unix expands a bare '*' handed to a native command.
    $filter = if ($TestFilter) { @('-Filter', $TestFilter) } else { @() }
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-Tests.ps1') -PesterManifest $pester @filter
    exit $LASTEXITCODE
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Write-Host '== Demo: a server on port 0, a few messages, stop'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE" }
}

function Invoke-BenchTask {
    Invoke-BuildTask
    # The benchmark's own projects (net10.0) are built apart from the module, into out/bench/.
    $out = Join-Path $root 'out/bench'
    Write-Host '== Bench: build the load generator and the baseline server (bench/ -> out/bench/)'
    Invoke-DotNet build (Join-Path $root 'bench/EchoNet.Bench/EchoNet.Bench.csproj') -c Release -o (Join-Path $out 'generator') --nologo -v quiet '-clp:NoSummary'
    Invoke-DotNet build (Join-Path $root 'bench/BaselineServer/BaselineServer.csproj') -c Release -o (Join-Path $out 'baseline') --nologo -v quiet '-clp:NoSummary'
    Write-Host "== Bench: $(if ($Quick) { 'quick pass' } else { 'full run' }), results in out/bench/results.json"
    $quickArg = if ($Quick) { @('--quick') } else { @() }
    & dotnet (Join-Path $out 'generator/EchoNet.Bench.dll') --root $root @quickArg
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { Invoke-BenchTask }
}

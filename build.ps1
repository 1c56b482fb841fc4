<#
.SYNOPSIS
    Builds, tests and demonstrates the EchoNet module.
.DESCRIPTION
    A plain script with named tasks; each does one thing and says what.
      Build (default)  compile src/ into bin/ so that Import-Module ./EchoNet.psd1 works
      Test             Build, restore the pinned Pester, run every tests/*.Tests.ps1 in a fresh pwsh
      Demo             Build, then start a server on port 0, send messages, print results, stop it
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Test: run only the test files whose names match this wildcard.
    [string] $TestFilter
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

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
}

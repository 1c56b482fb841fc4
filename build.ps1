<#
.SYNOPSIS
    Builds, tests and demonstrates the EchoNet module.
.DESCRIPTION
    A plain script with named tasks; each does one thing and says what.
      Build (default)  compile src/ into bin/, then Help, so that Import-Module ./EchoNet.psd1 works
      Help             docs/*.md -> module/en-US/EchoNet.dll-Help.xml (MAML), and module/en-US/*
                       -> en-US/ beside the manifest, where Get-Help looks for a module's help
      Test             Build, restore the pinned Pester, run every tests/*.Tests.ps1 in a fresh pwsh
      Demo             Build, then start a server on port 0, send messages, print results, stop it
      Package          Build, then out/EchoNet/<version>/ (the installable module folder) and
                       out/repository/EchoNet.<version>.nupkg (Publish-PSResource to a folder)
      HelpSkeleton     write docs/<Command>.md for each exported command that has none yet
      Bench            Build, then run bench/ (EchoNet vs a plain .NET server, loopback only); -Quick for a short pass,
                       -Workload to run some only (e.g. -Workload Soak, or -Workload 1,6); -CompareTo <git rev>
                       also builds that revision (git archive into out/bench/compare/<commit>/) and measures its
                       server interleaved with this one's
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -NonInteractive -File build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Test', 'Demo', 'Package', 'HelpSkeleton', 'Bench')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    # Test: run only the test files whose names match this wildcard.
    [string] $TestFilter,
    # Package: where the module folder and the nupkg go (default: out/ in the repository).
    [string] $OutputPath,
    # Package: use bin/ and the help as they are instead of building first (tests do this).
    [switch] $NoBuild,
    # Bench: a one-minute pass instead of the full run.
    [switch] $Quick,
    # Bench: run only these workloads (numbers as in bench/README.md, or Soak for workload 10).
    [string[]] $Workload,
    # Bench: also measure the server of this git revision (e.g. HEAD~1, main), interleaved with this build's.
    [string] $CompareTo
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Set-BuildEnvironment {
    # The build and the test run write into bin/, obj/, out/ and the temp folder, never into the
    # user's home. NuGet.Config sends packages to out/packages/; these variables, inherited by every
    # process started from here, send the rest there too: pwsh's caches and data (module analysis
    # cache, PSReadLine history, its user module folder), NuGet's HTTP cache, and dotnet's telemetry
    # and first-run files. DOTNET_CLI_HOME stays as it is: it would also move NuGet's user config,
    # which holds the user's package sources and credentials.
    $state = [IO.Path]::Combine($root, 'out', 'user')
    $env:XDG_CACHE_HOME = [IO.Path]::Combine($state, 'cache')
    $env:XDG_DATA_HOME = [IO.Path]::Combine($state, 'data')
    $env:NUGET_HTTP_CACHE_PATH = [IO.Path]::Combine($state, 'nuget-http-cache')
    $env:PSModuleAnalysisCachePath = [IO.Path]::Combine($state, 'cache', 'powershell', 'ModuleAnalysisCache')
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = 'true'
    $env:POWERSHELL_TELEMETRY_OPTOUT = 'true'
    $env:DOTNET_NOLOGO = 'true'
    $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 'true'
    $env:DOTNET_GENERATE_ASPNET_CERTIFICATE = 'false'
    $env:DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE = 'true'
    $env:ECHONET_BUILD_ENVIRONMENT = $state
}

$startedByBuild = $env:ECHONET_BUILD_ENVIRONMENT -eq [IO.Path]::Combine($root, 'out', 'user')
Set-BuildEnvironment
if (-not $startedByBuild) {
    # This pwsh was started by the user: its own caches already point into their home (its module
    # analysis cache, saved while a long task runs, among them). So the task runs in a child pwsh
    # started with the variables above, and this one only waits for it, calling no cmdlet (the first
    # call of one loads its module, which dirties that cache).
    $arguments = foreach ($parameter in $PSBoundParameters.GetEnumerator()) {
        if ($parameter.Value -is [switch]) { "-$($parameter.Key):`$$($parameter.Value.IsPresent)" }
        else { "-$($parameter.Key)"; $parameter.Value -join ',' }
    }
    & dotnet pwsh -NoProfile -NonInteractive -File $PSCommandPath @arguments
    exit $LASTEXITCODE
}

function Invoke-DotNet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-BuildTask {
    Write-Host "== Build: src/EchoNet -> bin/ ($Configuration)"
    Invoke-DotNet build (Join-Path $root 'src/EchoNet/EchoNet.csproj') -c $Configuration -o (Join-Path $root 'bin') --nologo -v quiet '-clp:NoSummary'
    Invoke-HelpTask
}

function Get-Manifest { Import-PowerShellDataFile (Join-Path $root 'EchoNet.psd1') }

function Invoke-HelpTask {
    # Binary modules get cmdlet help from <RootModule file name>-Help.xml. Get-Help looks for it
    # (and for about_*.help.txt) in <ModuleBase>/<culture>/, not beside the DLL in bin/, so the
    # sources in module/en-US/ are copied to en-US/ next to the manifest (ignored by git).
    $helpFile = (Split-Path (Get-Manifest).RootModule -Leaf) + '-Help.xml'
    $docs = @(Get-ChildItem (Join-Path $root 'docs') -Filter '*-*.md' | Sort-Object Name)
    Write-Host "== Help: $($docs.Count) docs/*.md -> module/en-US/$helpFile, module/en-US -> en-US/"
    Import-Module (Join-Path $root 'tools/HelpMarkdown.psm1') -Force
    $help = @($docs | ForEach-Object { ConvertFrom-HelpMarkdown -Path $_.FullName })
    $source = Join-Path $root 'module/en-US'
    ConvertTo-MamlHelp -Help $help -Path (Join-Path $source $helpFile)
    $target = Join-Path $root 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $target
    Copy-Item -Path (Join-Path $source '*') -Destination $target -Force
}

function Invoke-HelpSkeletonTask {
    # Runs in a fresh pwsh so that this session does not load (and on Windows lock) the DLL.
    Invoke-BuildTask
    $script = {
        param($root)
        Import-Module (Join-Path $root 'EchoNet.psd1')
        Import-Module (Join-Path $root 'tools/HelpMarkdown.psm1')
        foreach ($command in Get-Command -Module EchoNet) {
            $path = Join-Path $root "docs/$($command.Name).md"
            if (Test-Path $path) { continue }
            New-HelpMarkdown -Command $command | Set-Content -Path $path -NoNewline -Encoding utf8NoBOM
            Write-Host "Wrote ${path}: fill in every TODO (tests/Help.Tests.ps1 fails until then)"
        }
    }
    & dotnet pwsh -NoProfile -NonInteractive -Command "& { $script } '$($root -replace "'", "''")'"
    if ($LASTEXITCODE -ne 0) { throw "HelpSkeleton failed with exit code $LASTEXITCODE" }
}

function Invoke-PackageTask {
    if (-not $NoBuild) { Invoke-BuildTask }
    $manifest = Get-Manifest
    $version = $manifest.ModuleVersion
    $assemblyVersion = ([xml](Get-Content (Join-Path $root 'src/Directory.Build.props') -Raw)).Project.PropertyGroup.Version
    if ($assemblyVersion -ne $version) {
        throw "EchoNet.psd1 says ModuleVersion $version but src/Directory.Build.props says Version ${assemblyVersion}: make them agree."
    }
    $out = if ($OutputPath) { [System.IO.Path]::GetFullPath($OutputPath, (Get-Location).Path) } else { Join-Path $root 'out' }
    $moduleDir = Join-Path $out "EchoNet/$version"
    $repository = Join-Path $out 'repository'
    Write-Host "== Package: EchoNet $version -> $moduleDir"
    foreach ($dir in @($moduleDir, $repository)) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
        $null = New-Item -ItemType Directory -Force -Path $dir
    }

    # The manifest's relative paths (bin/EchoNet.dll, module/EchoNet.Format.ps1xml) hold in the
    # package as in the repository. The host provides System.Management.Automation: never ship it.
    Copy-Item (Join-Path $root 'EchoNet.psd1'), (Join-Path $root 'LICENSE'), (Join-Path $root 'README.md') $moduleDir
    $null = New-Item -ItemType Directory -Path (Join-Path $moduleDir 'bin'), (Join-Path $moduleDir 'module')
    Get-ChildItem (Join-Path $root 'bin') -Filter '*.dll' |
        Where-Object Name -NE 'System.Management.Automation.dll' |
        Copy-Item -Destination (Join-Path $moduleDir 'bin')
    Get-ChildItem (Join-Path $root 'module') -File | Copy-Item -Destination (Join-Path $moduleDir 'module')
    Copy-Item (Join-Path $root 'module/en-US') -Destination (Join-Path $moduleDir 'en-US') -Recurse
    foreach ($path in @($manifest.RootModule) + @($manifest.RequiredAssemblies) + @($manifest.TypesToProcess) + @($manifest.FormatsToProcess)) {
        if (-not (Test-Path (Join-Path $moduleDir $path))) { throw "The package lacks $path, which the manifest names." }
    }

    # Publish-PSResource to a local folder repository makes the nupkg that Install-PSResource and
    # Save-PSResource take. It runs in a child pwsh whose PSResourceGet settings live in a
    # throw-away folder, so no repository is registered for the user, even for a moment.
    Write-Host "== Package: Publish-PSResource -> $repository"
    $settings = Join-Path $out '.psresourceget'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Publish-Package.ps1') -ModulePath $moduleDir -RepositoryPath $repository -SettingsPath $settings
    $exit = $LASTEXITCODE
    Remove-Item $settings -Recurse -Force -ErrorAction SilentlyContinue
    if ($exit -ne 0) { throw "Publish-PSResource failed with exit code $exit" }
    $nupkg = Join-Path $repository "EchoNet.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource wrote no $nupkg" }
    Write-Host "Module folder: $moduleDir"
    Write-Host "Package:       $nupkg"
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
    # The filter travels in the environment, not as an argument: pwsh on Unix expands a wildcard
    # handed to a native command against the current folder ('R*' would become README.md).
    $env:ECHONET_TEST_FILTER = $TestFilter
    try { & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-Tests.ps1') -PesterManifest $pester }
    finally { Remove-Item Env:ECHONET_TEST_FILTER -ErrorAction SilentlyContinue }
    exit $LASTEXITCODE
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Write-Host '== Demo: a server on port 0, a few messages, stop'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE" }
}

function Get-CompareBuild {
    # The other revision's tree (git archive: no worktree to clean up) built by its own build.ps1
    # into out/bench/compare/<commit>/; kept, so a second comparison with it builds nothing.
    param([string] $Revision, [string] $Out)
    $commit = & git -C $root rev-parse --verify --quiet "$Revision^{commit}"
    if ($LASTEXITCODE -ne 0 -or -not $commit) { throw "-CompareTo: '$Revision' is not a commit of this repository" }
    $short = $commit.Substring(0, 7)
    $tree = Join-Path $Out "compare/$commit"
    if (-not (Test-Path (Join-Path $tree 'bin/EchoNet.dll'))) {
        Write-Host "== Bench: build $Revision ($short) into out/bench/compare/$short…"
        Remove-Item -Recurse -Force $tree -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Force -Path $tree
        $archive = Join-Path $Out "compare/$commit.tar"
        & git -C $root archive --format=tar -o $archive $commit
        if ($LASTEXITCODE -ne 0) { throw "git archive $commit failed" }
        & tar -xf $archive -C $tree
        if ($LASTEXITCODE -ne 0) { throw "tar -xf $archive failed" }
        Remove-Item $archive
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $tree 'build.ps1') Build | Out-Host
        if ($LASTEXITCODE -ne 0) { Remove-Item -Recurse -Force $tree; throw "Building $Revision ($short) failed" }
    }
    '--previous', (Join-Path $tree 'EchoNet.psd1'), '--previous-label', "$Revision ($short)"
}

function Invoke-BenchTask {
    Invoke-BuildTask
    # The benchmark's own projects (net10.0) are built apart from the module, into out/bench/.
    $out = Join-Path $root 'out/bench'
    Write-Host '== Bench: build the load generator and the baseline server (bench/ -> out/bench/)'
    Invoke-DotNet build (Join-Path $root 'bench/EchoNet.Bench/EchoNet.Bench.csproj') -c Release -o (Join-Path $out 'generator') --nologo -v quiet '-clp:NoSummary'
    Invoke-DotNet build (Join-Path $root 'bench/BaselineServer/BaselineServer.csproj') -c Release -o (Join-Path $out 'baseline') --nologo -v quiet '-clp:NoSummary'
    Write-Host "== Bench: $(if ($Workload) { "workload $($Workload -join ',')" } elseif ($Quick) { 'quick pass' } else { 'full run' }), results in out/bench/results.json"
    # @(...) around the whole if: an if that yields one string gives a scalar, and pwsh splats a
    # scalar string to a native command one character at a time.
    $compareArg = @(if ($CompareTo) { Get-CompareBuild -Revision $CompareTo -Out $out })
    $quickArg = @(if ($Quick) { '--quick' })
    $onlyArg = @(if ($Workload) { '--only', ($Workload -join ',') })
    & dotnet (Join-Path $out 'generator/EchoNet.Bench.dll') --root $root @quickArg @onlyArg @compareArg
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Help' { Invoke-HelpTask }
    'Package' { Invoke-PackageTask }
    'HelpSkeleton' { Invoke-HelpSkeletonTask }
    'Bench' { Invoke-BenchTask }
}

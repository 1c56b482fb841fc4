# build.ps1 writes only into the repository's bin/, out/ and obj/ and the system temp folder: not
# into the user's home, not into the repository root. Package is the task that once did both
# (Publish-PSResource's NuGet wrote NuGet/NuGet.Config into ~/.config, or into the current folder
# when ~/.config was missing). It runs here with a fake, empty home and no ~/.config.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Split-Path (Get-EchoNetManifest)

    function Get-Tree([string] $Path) {
        # Every file and folder below $Path, relative to it.
        if (-not (Test-Path $Path)) { return @() }
        @(Get-ChildItem -LiteralPath $Path -Recurse -Force | ForEach-Object { [IO.Path]::GetRelativePath($Path, $_.FullName) } | Sort-Object)
    }

    # The NuGet packages folder of this machine: the fake home must not hide the pinned pwsh tool.
    $assets = Get-Content (Join-Path $Root 'tools/TestDeps/obj/project.assets.json') -Raw | ConvertFrom-Json
    $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]

    $script:FakeHome = Join-Path $TestDrive 'home'
    $null = New-Item -ItemType Directory -Path $FakeHome
    $environment = @{
        HOME = $FakeHome; USERPROFILE = $FakeHome
        XDG_CONFIG_HOME = $null; XDG_DATA_HOME = $null; XDG_CACHE_HOME = $null; APPDATA = $null; LOCALAPPDATA = $null
        # dotnet finds the pinned pwsh through its packages folder and its tool resolver cache (in
        # DOTNET_CLI_HOME): dotnet's own state, kept where it is.
        NUGET_PACKAGES = $packages; DOTNET_CLI_HOME = [Environment]::GetFolderPath('UserProfile')
    }
    # What dotnet and pwsh write into a home of their own on start is the baseline, not the build's doing.
    $script:Baseline = Invoke-ChildPwsh -Arguments @('-Command', 'exit 0') -Environment $environment
    $homeBefore = Get-Tree $FakeHome
    $rootBefore = Get-ChildItem -LiteralPath $Root -Force | ForEach-Object Name
    $script:Package = Invoke-ChildPwsh -Arguments @('-File', (Join-Path $Root 'build.ps1'), 'Package', '-NoBuild', '-OutputPath', (Join-Path $TestDrive 'out')) -Environment $environment
    $script:RootGained = @(Get-ChildItem -LiteralPath $Root -Force | ForEach-Object Name | Where-Object { $rootBefore -notcontains $_ })
    # pwsh updates its own caches as it loads modules (PSResourceGet here), in any session.
    $pwshOwn = '^\.cache([\\/]powershell([\\/].*)?)?$|^\.local([\\/]share([\\/]powershell([\\/].*)?)?)?$'
    $script:HomeGained = @(Get-Tree $FakeHome | Where-Object { $homeBefore -notcontains $_ -and $_ -notmatch $pwshOwn })
}

Describe 'build.ps1 writes nothing outside bin/, out/, obj/ and the temp folder' {
    It 'Package succeeds with an empty home folder' {
        $Baseline.ExitCode | Should -Be 0 -Because $Baseline.Output
        $Package.ExitCode | Should -Be 0 -Because $Package.Output
    }

    It 'Package leaves the home folder as it was' {
        $HomeGained | Should -BeNullOrEmpty
    }

    It 'Package leaves the repository root as it was' {
        $RootGained | Should -BeNullOrEmpty
    }
}

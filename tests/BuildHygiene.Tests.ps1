# build.ps1 writes only into the repository's bin/, out/ and obj/ and the system temp folder: not
# into the user's home, not into the repository root. Here the README's commands run as a user with
# an empty home folder and none of the variables build.ps1 sets would: first what the user's own
# shell starts (`dotnet tool restore`, then a `dotnet pwsh`), which may write dotnet's and pwsh's
# own per-user files; then build.ps1 Test (build, Pester restore, a test file in a child pwsh on
# both socket engines) and Package (Publish-PSResource's NuGet once wrote NuGet/NuGet.Config into
# ~/.config), which must add nothing to that home.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Split-Path (Get-EchoNetManifest)

    function Get-Tree([string] $Path) {
        # Every file and folder below $Path, relative to it.
        if (-not (Test-Path $Path)) { return @() }
        @(Get-ChildItem -LiteralPath $Path -Recurse -Force | ForEach-Object { [IO.Path]::GetRelativePath($Path, $_.FullName) } | Sort-Object)
    }

    $script:FakeHome = Join-Path $TestDrive 'home'
    $null = New-Item -ItemType Directory -Path $FakeHome

    # Runs a command line (one argument per line) as a user whose home is the fake one, typing the
    # README's commands into a plain shell: none of the folders and switches build.ps1 set for this
    # test run, no PSModulePath of a parent pwsh, and this machine's DOTNET_CLI_HOME gone. The pwsh
    # running it is found through this machine's tool cache and writes nothing in the fake home.
    $runner = Join-Path $TestDrive 'as-user.ps1'
    # .NET calls only: a cmdlet here would load its module, and this pwsh would write the module
    # analysis cache into the fake home, its HOME by then.
    Set-Content -Path $runner -Value @'
param([string] $FakeHome, [string] $CommandLine)
if (-not [IO.Path]::IsPathRooted($FakeHome)) { throw "FakeHome '$FakeHome' is not a full path" }
$env:HOME = $env:USERPROFILE = $FakeHome
foreach ($name in 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'APPDATA', 'LOCALAPPDATA', 'DOTNET_CLI_HOME',
    'NUGET_PACKAGES', 'NUGET_HTTP_CACHE_PATH', 'PSModuleAnalysisCachePath', 'DOTNET_CLI_TELEMETRY_OPTOUT',
    'POWERSHELL_TELEMETRY_OPTOUT', 'DOTNET_NOLOGO', 'DOTNET_SKIP_FIRST_TIME_EXPERIENCE',
    'DOTNET_GENERATE_ASPNET_CERTIFICATE', 'DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE', 'ECHONET_TEST_FILTER',
    'ECHONET_BUILD_ENVIRONMENT', 'PSModulePath') {
    [Environment]::SetEnvironmentVariable($name, [NullString]::Value)   # $null would pass "": set, empty
}
$command = $CommandLine.Split("`n")
$arguments = $command[1..($command.Length - 1)]
& $command[0] $arguments
exit $LASTEXITCODE
'@
    function Invoke-AsUser([string[]] $CommandLine) {
        Invoke-ChildPwsh -Arguments @('-File', $runner, '-FakeHome', $FakeHome, '-CommandLine', ($CommandLine -join "`n"))
    }

    # The user's part, which the repository cannot steer: the README's `dotnet tool restore`, and a
    # `dotnet pwsh` start (dotnet's first-run files and tool cache, pwsh's own start-up caches).
    $script:Restore = Invoke-AsUser 'dotnet', 'tool', 'restore'
    $script:Start = Invoke-AsUser 'dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-Command', 'exit 0'
    $homeBefore = Get-Tree $FakeHome
    $rootBefore = Get-ChildItem -LiteralPath $Root -Force | ForEach-Object Name

    # build.ps1's part, in the pwsh that `dotnet pwsh` runs (started directly: the dotnet command
    # line's own telemetry of that launch is the user's part again).
    $build = 'dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'build.ps1')
    $script:Test = Invoke-AsUser ($build + 'Test', '-TestFilter', 'TargetFanOut')
    $script:Package = Invoke-AsUser ($build + 'Package', '-NoBuild', '-OutputPath', (Join-Path $TestDrive 'out'))
    $script:RootGained = @(Get-ChildItem -LiteralPath $Root -Force | ForEach-Object Name | Where-Object { $rootBefore -notcontains $_ })
    $script:HomeGained = @(Get-Tree $FakeHome | Where-Object { $homeBefore -notcontains $_ })
}

Describe 'build.ps1 writes nothing outside bin/, out/, obj/ and the temp folder' {
    It 'the restore, Test and Package succeed with an empty home folder' {
        $Restore.ExitCode | Should -Be 0 -Because $Restore.Output
        $Start.ExitCode | Should -Be 0 -Because $Start.Output
        $Test.ExitCode | Should -Be 0 -Because $Test.Output
        $Test.Output | Should -Match '(?m)^[1-9]\d* passed, 0 failed'
        $Package.ExitCode | Should -Be 0 -Because $Package.Output
    }

    It 'NuGet.Config keeps the packages out of the home folder, the pinned pwsh included' {
        Join-Path $FakeHome '.nuget/packages' | Should -Not -Exist
        Join-Path $Root 'out/packages/powershell' | Should -Exist
    }

    It 'Test and Package leave the home folder as the restore and a pwsh start left it' {
        $HomeGained | Should -BeNullOrEmpty
    }

    It 'Test and Package leave the repository root as it was' {
        $RootGained | Should -BeNullOrEmpty
    }
}

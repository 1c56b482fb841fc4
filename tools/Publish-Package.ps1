<#
.SYNOPSIS
    Publishes a module folder to a local folder repository with PSResourceGet, making the nupkg.
.DESCRIPTION
    Run by build.ps1 Package (and so by tests/Package.Tests.ps1) in a child pwsh. PSResourceGet
    keeps its repository list under the user's local application data folder, and the NuGet inside
    it reads, and writes when missing, a user NuGet/NuGet.Config under the application data folder
    (~/.config on Unix: the current folder when ~/.config does not exist). This process points both
    folders at -SettingsPath first, so publishing touches no user state and leaves nothing in the
    repository, and the temporary repository is unregistered again all the same.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [Parameter(Mandatory)] [string] $SettingsPath
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Force -Path $SettingsPath, $RepositoryPath
# .NET's LocalApplicationData (PSResourceGet's settings) is $XDG_DATA_HOME on Unix, LOCALAPPDATA on
# Windows; its ApplicationData (NuGet's user config) is $XDG_CONFIG_HOME on Unix, APPDATA on Windows.
$env:XDG_DATA_HOME = $SettingsPath
$env:LOCALAPPDATA = $SettingsPath
$env:XDG_CONFIG_HOME = $SettingsPath
$env:APPDATA = $SettingsPath

$name = 'EchoNetBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name -SkipDependenciesCheck
}
finally {
    Unregister-PSResourceRepository -Name $name
}

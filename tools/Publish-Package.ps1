<#
.SYNOPSIS
    Publishes a module folder to a local folder repository with PSResourceGet, making the nupkg.
.DESCRIPTION
    Run by build.ps1 Package (and so by tests/Package.Tests.ps1) in a child pwsh. PSResourceGet
    keeps its repository list under the user's local application data folder; this process points
    that folder at -SettingsPath first, so registering the temporary repository touches no user
    state, and the repository is unregistered again all the same.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [Parameter(Mandatory)] [string] $SettingsPath
)

$ErrorActionPreference = 'Stop'
$null = New-Item -ItemType Directory -Force -Path $SettingsPath, $RepositoryPath
# Unix: .NET's LocalApplicationData is $XDG_DATA_HOME; Windows reads LOCALAPPDATA for PSResourceGet's folder.
$env:XDG_DATA_HOME = $SettingsPath
$env:LOCALAPPDATA = $SettingsPath

$name = 'EchoNetBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name -SkipDependenciesCheck
}
finally {
    Unregister-PSResourceRepository -Name $name
}

<#
.SYNOPSIS
Regenerates tests/data/url-validation from the URL Standard's reference implementation.

.DESCRIPTION
Installs whatwg-url (pinned, 17.3.0) with npm's own client into a new folder under the system
temp folder, runs generate.js beside this script over tests/data/wpt/urltestdata.json and writes
tests/data/url-validation/validation-errors.json, the package's licence and SHA256SUMS. Nothing is
installed globally or into the repository; the temporary folder is removed at the end. Needs node
and npm; the tests that read the data do not.

.EXAMPLE
dotnet pwsh -NoProfile -NonInteractive -File tools/url-validation/Update-UrlValidationData.ps1
#>
[CmdletBinding()]
param(
    [string] $Version = '17.3.0'
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$out = Join-Path $root 'tests/data/url-validation'
$scratch = Join-Path ([IO.Path]::GetTempPath()) ('echonet-url-validation-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $scratch | Out-Null
try {
    Write-Host "== npm install whatwg-url@$Version into $scratch"
    & npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix $scratch "whatwg-url@$Version"
    if ($LASTEXITCODE -ne 0) { throw "npm install whatwg-url@$Version failed ($LASTEXITCODE)." }
    $modules = Join-Path $scratch 'node_modules'

    Write-Host '== node generate.js'
    New-Item -ItemType Directory -Path $out -Force | Out-Null
    & node (Join-Path $PSScriptRoot 'generate.js') $modules (Join-Path $root 'tests/data/wpt/urltestdata.json') (Join-Path $out 'validation-errors.json')
    if ($LASTEXITCODE -ne 0) { throw "generate.js failed ($LASTEXITCODE)." }

    Copy-Item (Join-Path $modules 'whatwg-url/LICENSE.txt') (Join-Path $out 'LICENSE-whatwg-url.txt')
    $hash = (Get-FileHash (Join-Path $out 'validation-errors.json') -Algorithm SHA256).Hash.ToLowerInvariant()
    # Unix line ending, as sha256sum writes it.
    [IO.File]::WriteAllText((Join-Path $out 'SHA256SUMS'), "$hash  validation-errors.json`n")

    Write-Host '== resolved packages (record them in tests/data/url-validation/README.md)'
    foreach ($package in 'whatwg-url', 'tr46', 'punycode', 'webidl-conversions', '@exodus/bytes') {
        $manifest = Join-Path $modules "$package/package.json"
        if (Test-Path $manifest) {
            $json = Get-Content $manifest -Raw | ConvertFrom-Json
            Write-Host ("  {0} {1} ({2})" -f $package, $json.version, $json.license)
        }
    }
    Write-Host "node $(& node --version)"
}
finally {
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}

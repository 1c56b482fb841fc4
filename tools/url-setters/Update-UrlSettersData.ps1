<#
.SYNOPSIS
    Regenerates tests/data/url-setters/setters-oracle.json with the URL Standard's reference
    implementation (whatwg-url 17.3.0 from npm, installed into a temporary folder), then SHA256SUMS.
    Needs node and npm; the test run itself needs neither.
#>
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$work = Join-Path ([IO.Path]::GetTempPath()) "echonet-url-setters-$PID"
New-Item -ItemType Directory -Force -Path $work | Out-Null
try {
    Push-Location $work
    & npm install --no-save --silent whatwg-url@17.3.0 | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "npm install failed ($LASTEXITCODE)" }
    Pop-Location
    & node (Join-Path $PSScriptRoot 'generate.js') $work | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "generate.js failed ($LASTEXITCODE)" }
    $data = Join-Path $root 'tests/data/url-setters'
    $hash = (Get-FileHash (Join-Path $data 'setters-oracle.json') -Algorithm SHA256).Hash.ToLowerInvariant()
    Set-Content -Path (Join-Path $data 'SHA256SUMS') -Value "$hash  setters-oracle.json" -Encoding ascii
}
finally {
    Set-Location $root
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

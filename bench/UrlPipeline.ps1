# Workload 8, the cmdlet half: Get-Content file | ConvertFrom-Url against
# Get-Content file | ForEach-Object { [uri]$_ } in the same pwsh, interleaved rounds.
# Prints one line: RESULT <json>.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $CorpusPath,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
if (-not (Get-Command ConvertFrom-Url -Module EchoNet -ErrorAction SilentlyContinue)) {
    [Console]::Out.WriteLine('RESULT ' + (@{ skipped = 'ConvertFrom-Url is not in the module yet (it lands with the url branch)' } | ConvertTo-Json -Compress))
    return
}
$lines = (Get-Content -LiteralPath $CorpusPath).Count
# Invalid inputs (a few percent of the corpus) are errors in both pipelines; neither stops for them.
$ErrorActionPreference = 'SilentlyContinue'

function Measure-Cmdlet { param([switch] $Count)
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; n = $n }
}
function Measure-Uri { param([switch] $Count)
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; n = $n }
}

# Warm-up, which also counts the objects each pipeline returns.
$cmdletObjects = (Measure-Cmdlet -Count).n
$uriObjects = (Measure-Uri -Count).n
$cmdlet = @(); $uri = @()
for ($r = 0; $r -lt $Rounds; $r++) {
    if ($r % 2 -eq 0) { $cmdlet += (Measure-Cmdlet).ms; $uri += (Measure-Uri).ms }
    else { $uri += (Measure-Uri).ms; $cmdlet += (Measure-Cmdlet).ms }
}
[Console]::Out.WriteLine('RESULT ' + (@{
    lines = $lines; cmdletMs = $cmdlet; uriMs = $uri
    cmdletObjects = $cmdletObjects; uriObjects = $uriObjects
} | ConvertTo-Json -Compress))

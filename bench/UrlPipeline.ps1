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
$lines = (Get-Content -LiteralPath $CorpusPath).Count
# Invalid inputs (a few percent of the corpus) are errors in both pipelines; neither stops for them.
$ErrorActionPreference = 'SilentlyContinue'

# Each pass also reports this process's CPU time, which other processes on a shared machine
# do not inflate the way they inflate wall time.
$process = [System.Diagnostics.Process]::GetCurrentProcess()
function Get-CpuMs { $process.Refresh(); $process.TotalProcessorTime.TotalMilliseconds }

function Measure-Cmdlet { param([switch] $Count)
    $cpu = Get-CpuMs
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; cpu = (Get-CpuMs) - $cpu; n = $n }
}
function Measure-Uri { param([switch] $Count)
    $cpu = Get-CpuMs
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; cpu = (Get-CpuMs) - $cpu; n = $n }
}

# Warm-up (two passes each: the first compiles, the second lets tiering catch up), which also
# counts the objects each pipeline returns.
$cmdletObjects = (Measure-Cmdlet -Count).n
$uriObjects = (Measure-Uri -Count).n
$null = Measure-Cmdlet; $null = Measure-Uri
$cmdlet = @(); $uri = @(); $cmdletCpu = @(); $uriCpu = @()
for ($r = 0; $r -lt $Rounds; $r++) {
    if ($r % 2 -eq 0) { $a = Measure-Cmdlet; $b = Measure-Uri }
    else { $b = Measure-Uri; $a = Measure-Cmdlet }
    $cmdlet += $a.ms; $cmdletCpu += $a.cpu; $uri += $b.ms; $uriCpu += $b.cpu
}
[Console]::Out.WriteLine('RESULT ' + (@{
    lines = $lines; cmdletMs = $cmdlet; uriMs = $uri; cmdletCpuMs = $cmdletCpu; uriCpuMs = $uriCpu
    cmdletObjects = $cmdletObjects; uriObjects = $uriObjects
} | ConvertTo-Json -Compress))

# Workload 8, the cmdlet half: Get-Content file | ConvertFrom-Url against
# Get-Content file | ForEach-Object { [uri]$_ } in the same pwsh, interleaved rounds.
# Prints one line: RESULT <json>.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $CorpusPath,
    [int] $Rounds = 3,
    # Passes alternate until this much time has gone by: PowerShell's binder and the parser are
    # compiled in tiers, and two passes left them part-way (rounds then swung 0.7-2.2x).
    [double] $WarmUpSeconds = 6
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

# Each pass starts from a collected heap: Get-Content gives every line six note properties (weak
# table entries the collector must trace), so a pass would otherwise pay for the one before.
function Clear-Heap { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect() }

function Measure-Cmdlet { param([switch] $Count)
    Clear-Heap
    $cpu = Get-CpuMs
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; cpu = (Get-CpuMs) - $cpu; n = $n }
}
function Measure-Uri { param([switch] $Count)
    Clear-Heap
    $cpu = Get-CpuMs
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Count) { $n = @(Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null).Count }
    else { Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null | Out-Null; $n = -1 }
    $sw.Stop(); @{ ms = $sw.Elapsed.TotalMilliseconds; cpu = (Get-CpuMs) - $cpu; n = $n }
}

# Warm-up: the first passes count the objects each pipeline returns; then both alternate for
# at least -WarmUpSeconds.
$cmdletObjects = (Measure-Cmdlet -Count).n
$uriObjects = (Measure-Uri -Count).n
# at least -WarmUpSeconds, and on (up to 30 s) until neither side's passes are still getting
# faster: after 2 s a pass was still twice as slow as after 6 s.
$warmUp = [System.Diagnostics.Stopwatch]::StartNew()
$bestCmdlet = [double]::MaxValue; $bestUri = [double]::MaxValue; $steady = 0
while ($warmUp.Elapsed.TotalSeconds -lt 30) {
    $a = (Measure-Cmdlet).cpu; $b = (Measure-Uri).cpu
    $improved = $a -lt 0.97 * $bestCmdlet -or $b -lt 0.97 * $bestUri
    $bestCmdlet = [Math]::Min($bestCmdlet, $a); $bestUri = [Math]::Min($bestUri, $b)
    $steady = if ($improved) { 0 } else { $steady + 1 }
    if ($steady -ge 3 -and $warmUp.Elapsed.TotalSeconds -ge $WarmUpSeconds) { break }
}
$warmedSeconds = $warmUp.Elapsed.TotalSeconds
$cmdlet = @(); $uri = @(); $cmdletCpu = @(); $uriCpu = @()
for ($r = 0; $r -lt $Rounds; $r++) {
    if ($r % 2 -eq 0) { $a = Measure-Cmdlet; $b = Measure-Uri }
    else { $b = Measure-Uri; $a = Measure-Cmdlet }
    $cmdlet += $a.ms; $cmdletCpu += $a.cpu; $uri += $b.ms; $uriCpu += $b.cpu
}
[Console]::Out.WriteLine('RESULT ' + (@{
    lines = $lines; warmUpSeconds = [Math]::Round($warmedSeconds, 1); cmdletMs = $cmdlet; uriMs = $uri; cmdletCpuMs = $cmdletCpu; uriCpuMs = $uriCpu
    cmdletObjects = $cmdletObjects; uriObjects = $uriObjects
} | ConvertTo-Json -Compress))

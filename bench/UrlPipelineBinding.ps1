# What PowerShell's binder costs ConvertFrom-Url per piped line (issue 27 item 3; notes in
# bench/README.md). Not a workload: run it by hand, pinned to one core, e.g.
#   taskset -c 1 dotnet pwsh -NoProfile -NonInteractive -File bench/UrlPipelineBinding.ps1 -CorpusPath bench/data/urls/kasztp.txt
# Times `Get-Content <corpus> | X | Out-Null` for ConvertFrom-Url, the [uri] pipeline and test
# cmdlets compiled here that bind as ConvertFrom-Url does (or in one set) but neither parse nor
# build a URL, interleaved, by the pipeline thread's own CPU time (Linux), and prints each one's
# ns per line above the floor `Get-Content | Out-Null` (medians over rounds).
param(
    [Parameter(Mandatory)] [string] $CorpusPath,
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../EchoNet.psd1'),
    [int] $Rounds = 9,
    [double] $WarmUpSeconds = 12
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
Add-Type -TypeDefinition @'
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace UrlPipelineBinding
{
    public static class ThreadCpu
    {
        [StructLayout(LayoutKind.Sequential)] private struct TimeSpec { public long Seconds; public long Nanoseconds; }
        [DllImport("libc")] private static extern int clock_gettime(int clock, out TimeSpec time);
        private const int ThreadCpuClock = 3;
        public static double Milliseconds() { clock_gettime(ThreadCpuClock, out TimeSpec t); return t.Seconds * 1e3 + t.Nanoseconds / 1e6; }
    }

    /// <summary>ConvertFrom-Url's parameters as they are (UrlInputCommand), writing the input back.</summary>
    [Cmdlet("Test", "TwoSetBinding", DefaultParameterSetName = "String")]
    public sealed class TwoSetBinding : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "String")]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "PropertyName")]
        [Alias("Uri", "Href")] [AllowNull] [AllowEmptyString] [AllowEmptyCollection]
        public string[] Url { get; set; }
        [Parameter(Position = 1, ParameterSetName = "String")]
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = "PropertyName")]
        [Alias("Base")]
        public string BaseUrl { get; set; }
        protected override void ProcessRecord() { foreach (string text in Url) WriteObject(text); }
    }

    /// <summary>The same in one set, -BaseUrl not from the pipeline (objects would not bind by property name).</summary>
    [Cmdlet("Test", "OneSetBinding")]
    public sealed class OneSetBinding : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Uri", "Href")] [AllowNull] [AllowEmptyString] [AllowEmptyCollection]
        public string[] Url { get; set; }
        [Parameter(Position = 1)] [Alias("Base")]
        public string BaseUrl { get; set; }
        protected override void ProcessRecord() { foreach (string text in Url) WriteObject(text); }
    }

    /// <summary>One set, -Url and -BaseUrl also by property name (strings are searched for BaseUrl and Base).</summary>
    [Cmdlet("Test", "OneSetByPropertyBinding")]
    public sealed class OneSetByPropertyBinding : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri", "Href")] [AllowNull] [AllowEmptyString] [AllowEmptyCollection]
        public string[] Url { get; set; }
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)] [Alias("Base")]
        public string BaseUrl { get; set; }
        protected override void ProcessRecord() { foreach (string text in Url) WriteObject(text); }
    }
}
'@
Import-Module -Assembly ([UrlPipelineBinding.ThreadCpu].Assembly)
$null = 'https://a.example/' | Test-TwoSetBinding  # fails here, not silently below, if the test cmdlets did not load
$ErrorActionPreference = 'SilentlyContinue'
$pipelines = [ordered]@{
    'Get-Content | Out-Null (floor)'   = { Get-Content -LiteralPath $CorpusPath | Out-Null }
    'ForEach-Object { [uri]$_ }'       = { Get-Content -LiteralPath $CorpusPath | ForEach-Object { [uri]$_ } 2>$null | Out-Null }
    'ConvertFrom-Url'                  = { Get-Content -LiteralPath $CorpusPath | ConvertFrom-Url 2>$null | Out-Null }
    'its binding, no parse (two sets)' = { Get-Content -LiteralPath $CorpusPath | Test-TwoSetBinding | Out-Null }
    'one set, -BaseUrl not piped'      = { Get-Content -LiteralPath $CorpusPath | Test-OneSetBinding | Out-Null }
    'one set, both by property name'   = { Get-Content -LiteralPath $CorpusPath | Test-OneSetByPropertyBinding | Out-Null }
}
$names = @($pipelines.Keys)
$lines = @(Get-Content -LiteralPath $CorpusPath).Count
$cpu = @{}; foreach ($name in $names) { $cpu[$name] = [System.Collections.Generic.List[double]]::new() }
$warm = [System.Diagnostics.Stopwatch]::StartNew()
while ($warm.Elapsed.TotalSeconds -lt $WarmUpSeconds) { foreach ($name in $names) { & $pipelines[$name] } }
for ($round = 0; $round -lt $Rounds; $round++) {
    $order = if ($round % 2) { $names[($names.Count - 1)..0] } else { $names }
    foreach ($name in $order) {
        $start = [UrlPipelineBinding.ThreadCpu]::Milliseconds()
        & $pipelines[$name]
        $cpu[$name].Add([UrlPipelineBinding.ThreadCpu]::Milliseconds() - $start)
    }
}
function Get-Median([double[]] $values) { $sorted = @($values | Sort-Object); $sorted[[int][math]::Floor($sorted.Count / 2)] }
$floor = $cpu[$names[0]]
"$lines lines, $Rounds interleaved rounds, pipeline thread CPU time; ns per line (median), and above the floor (median of the rounds' differences)"
foreach ($name in $names) {
    $above = Get-Median @(for ($r = 0; $r -lt $Rounds; $r++) { ($cpu[$name][$r] - $floor[$r]) * 1e6 / $lines })
    '{0,-34} {1,8:N0} {2,8:N0}' -f $name, ((Get-Median $cpu[$name]) * 1e6 / $lines), $above
}

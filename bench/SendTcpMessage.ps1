# Workload 9: Send-TcpMessage, N messages piped over one connection, against each given port
# in interleaved rounds. Every reply is compared with its message. Prints RESULT <json>.
# Workload 12 (-Session): the same over a session opened once per port (Connect-TcpSession),
# Send-TcpMessage -Session, so what is measured is the per-message path without the connect.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Comma-separated: -File passes a single string.
    [Parameter(Mandatory)] [string] $Port,
    [int] $Count = 1000,
    [int] $Rounds = 3,
    [switch] $Session
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$ports = [int[]]($Port -split ',')
$sessions = @{}
if ($Session) { foreach ($p in $ports) { $sessions["$p"] = Connect-TcpSession -ComputerName localhost -Port $p } }
$messages = foreach ($i in 1..$Count) { 'message {0:d6} {1}' -f $i, ('abcdefghij' * 5) }

function Measure-Send([int] $p) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $results = if ($Session) { $messages | Send-TcpMessage -Session $sessions["$p"] } else { $messages | Send-TcpMessage -Port $p }
    $sw.Stop()
    $errors = 0
    $results = @($results)
    if ($results.Count -ne $messages.Count) { $errors += [Math]::Abs($messages.Count - $results.Count) }
    for ($i = 0; $i -lt [Math]::Min($results.Count, $messages.Count); $i++) {
        if ($results[$i].Reply -cne $messages[$i]) { $errors++ }
    }
    @{ rate = $messages.Count / $sw.Elapsed.TotalSeconds; errors = $errors }
}

foreach ($p in $ports) { $null = Measure-Send $p }  # warm-up
$rates = @{}; $errors = @{}
foreach ($p in $ports) { $rates["$p"] = @(); $errors["$p"] = 0 }
for ($r = 0; $r -lt $Rounds; $r++) {
    $order = if ($r % 2 -eq 0) { $ports } else { $ports[($ports.Count - 1)..0] }
    foreach ($p in $order) {
        $m = Measure-Send $p
        $rates["$p"] += $m.rate
        $errors["$p"] += $m.errors
    }
}
if ($Session) { $sessions.Values | Disconnect-TcpSession | Out-Null }
[Console]::Out.WriteLine('RESULT ' + (@{ rates = $rates; errors = $errors } | ConvertTo-Json -Compress -Depth 4))

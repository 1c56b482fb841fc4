# Hosts EchoNet's Start-EchoServer for the benchmark, as a user would: pwsh, the module imported.
# Same control protocol as bench/BaselineServer:
#   stdout "READY <tcpPort> <udpPort> <pid>" once listening;
#   stdin  "mem"  -> "MEM <workingSetBytes> <managedHeapBytesAfterFullGC>"
#   stdin  "quit" or end of input -> stop the server and exit.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Workload 13: the same server with -Record (nothing reads the recording: it fills, then drops the oldest).
    [switch] $Record,
    # Workload 15: a responder server ({ $Request.Text }: each line back) ...
    [switch] $Responder,
    # ... and the same replies without PowerShell: -ReplyFormat '{0}' per line.
    [switch] $LineFormat,
    # Workload 17: a relay (-Forward) to this host:port instead of an echo server (TCP only: the
    # relay's port and the upstream's must not collide for UDP).
    [string] $Forward
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
# Every load connection comes from 127.0.0.1, so the per-client limit is lifted with the global one;
# the warning that -MaxConnections exceeds ulimit -n is expected here (the load stays below it).
$serving = @{}
if ($Responder) { $serving = @{ Responder = { $Request.Text } } }
if ($LineFormat) { $serving = @{ ReplyFormat = '{0}'; Terminator = "`n" } }
$protocols = 'Tcp', 'Udp'
if ($Forward) { $serving = @{ Forward = $Forward }; $protocols = 'Tcp' }
$server = Start-EchoServer -Port 0 -Protocol $protocols -MaxConnections 100000 -MaxConnectionsPerClient 100000 -IdleTimeout 0 -WarningAction SilentlyContinue -Record:$Record @serving
try {
    [Console]::Out.WriteLine("READY $($server.Port) $($server.Port) $PID")
    [Console]::Out.Flush()
    while ($null -ne ($line = [Console]::In.ReadLine())) {
        if ($line -eq 'quit') { break }
        if ($line -eq 'mem') {
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $heap = [GC]::GetTotalMemory($true)
            $ws = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64
            [Console]::Out.WriteLine("MEM $ws $heap")
            [Console]::Out.Flush()
        }
    }
}
finally {
    $server | Stop-EchoServer
}

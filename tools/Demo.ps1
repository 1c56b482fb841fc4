# The README's first command ends here: EchoNet working, start to finish, on loopback only.
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../EchoNet.psd1')

$server = Start-EchoServer -Port 0
Write-Host "Started echo server $($server.Id) on $($server.LocalEndPoints -join ', ')"
$server | Format-Table | Out-String | Write-Host

'Hello, EchoNet!', 'Objects, not text.', ('x' * 40) |
    Send-TcpMessage -Port $server.Port |
    Format-Table | Out-String | Write-Host

$binary = Send-TcpMessage -Port $server.Port -Bytes ([byte[]](0..255))
Write-Host "Binary echo of 256 byte values came back identical: $([Linq.Enumerable]::SequenceEqual([byte[]](0..255), $binary.ReplyBytes))"

$udp = Start-EchoServer -Port 0 -Protocol Udp
Send-UdpDatagram -Port $udp.Port -Message 'ping' -Count 3 -Interval 50 -WaitForReply | Format-Table | Out-String | Write-Host
$udp | Stop-EchoServer

ConvertFrom-Url 'https://Bücher.example:8443/a/../b?tag=x&tag=y#top' |
    Format-List Href, Scheme, Hostname, DisplayHostname, EffectivePort, Pathname, QueryParameters, Fragment | Out-String | Write-Host

Get-EchoServer | Format-List Id, Protocol, LocalEndPoints, State, ConnectionsAccepted, BytesEchoed | Out-String | Write-Host
$server | Stop-EchoServer -PassThru | Format-Table | Out-String | Write-Host
Write-Host "Servers still running: $(@(Get-EchoServer).Count)"

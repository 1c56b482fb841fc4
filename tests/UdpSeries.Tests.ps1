# A series of datagrams to a closed port: each result says what happened to its own datagram.
# The kernel's own count of datagrams that arrived at no socket (/proc/net/snmp, Udp NoPorts) is
# the witness that every datagram left, so a result cannot claim a datagram the kernel never saw.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-ClosedUdpPort {
        $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
        try { $probe.Client.LocalEndPoint.Port } finally { $probe.Dispose() }
    }

    function Get-UdpNoPorts {
        $lines = @(Get-Content /proc/net/snmp | Where-Object { $_ -like 'Udp:*' })
        $names = $lines[0] -split '\s+'
        $values = $lines[1] -split '\s+'
        [long] $values[[array]::IndexOf($names, 'NoPorts')]
    }
}

Describe 'Send-UdpDatagram -Count to a closed port' {
    BeforeEach {
        $closed = Get-ClosedUdpPort
    }

    It 'sends every datagram of a fire-and-forget series, each reported Sent with its bytes' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'the kernel witness (/proc/net/snmp NoPorts) exists on Linux only'; return }
        $before = Get-UdpNoPorts
        $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $closed -Message 'ping' -Count 4 -Interval 50)
        $results.Count | Should -Be 4
        Wait-Until -TimeoutMs 2000 { (Get-UdpNoPorts) - $before -ge 4 } | Should -BeTrue -Because 'the kernel must have seen four datagrams arrive at the closed port'
        (Get-UdpNoPorts) - $before | Should -Be 4 -Because 'the kernel counts every datagram that arrived at no socket (nothing else in this run sends to closed ports meanwhile)'
        $results.Status | Should -Be @('Sent', 'Sent', 'Sent', 'Sent')
        $results.BytesSent | Should -Be @(4, 4, 4, 4)
        $results.Sequence | Should -Be @(1, 2, 3, 4)
    }

    It 'reports Refused for each datagram that drew the ICMP error, and sends all of them' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'the kernel witness (/proc/net/snmp NoPorts) exists on Linux only'; return }
        $before = Get-UdpNoPorts
        $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $closed -Message 'ping' -Count 4 -Interval 20 -Timeout 2000)
        $results.Status | Should -Be @('Refused', 'Refused', 'Refused', 'Refused')
        $results.BytesSent | Should -Be @(4, 4, 4, 4)
        Wait-Until -TimeoutMs 2000 { (Get-UdpNoPorts) - $before -ge 4 } | Should -BeTrue -Because 'the kernel must have seen four datagrams arrive at the closed port'
        (Get-UdpNoPorts) - $before | Should -Be 4 -Because 'the kernel counts every datagram that arrived at no socket (nothing else in this run sends to closed ports meanwhile)'
    }
}

# A series of datagrams: each result says what happened to its own datagram. What left is
# counted by a peer of this test's own (a raw .NET UDP socket, not EchoNet), never by a machine-wide
# counter that other traffic moves; at a closed port, each Refused is the kernel's ICMP answer to
# that very datagram.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-ClosedUdpPort {
        $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
        try { $probe.Client.LocalEndPoint.Port } finally { $probe.Dispose() }
    }

    function Receive-CountedDatagrams {
        # Every datagram that reaches $Peer until none has come for $QuietMs (each wait bounded).
        param([System.Net.Sockets.UdpClient] $Peer, [int] $QuietMs = 500)
        $Peer.Client.ReceiveTimeout = $QuietMs
        $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
        $texts = [System.Collections.Generic.List[string]]::new()
        while ($true) {
            try { $texts.Add([System.Text.Encoding]::UTF8.GetString($Peer.Receive([ref] $from))) }
            catch [System.Net.Sockets.SocketException] { return ,$texts.ToArray() }
        }
    }
}

Describe 'Send-UdpDatagram -Count' {
    BeforeEach {
        $closed = Get-ClosedUdpPort
    }

    It 'sends every datagram of a fire-and-forget series, each reported Sent with its bytes; the peer gets exactly those' {
        $peer = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0))
        try {
            $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $peer.Client.LocalEndPoint.Port -Message 'ping' -Count 4 -Interval 50)
            $arrived = Receive-CountedDatagrams $peer
        }
        finally { $peer.Dispose() }
        $arrived | Should -Be @('ping', 'ping', 'ping', 'ping') -Because 'the peer counts what this series sent, and nothing else'
        $results.Status | Should -Be @('Sent', 'Sent', 'Sent', 'Sent')
        $results.BytesSent | Should -Be @(4, 4, 4, 4)
        $results.Sequence | Should -Be @(1, 2, 3, 4)
    }

    It 'reports every datagram of a fire-and-forget series to a closed port as Sent (an earlier ICMP error is not the next one''s)' {
        $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $closed -Message 'ping' -Count 4 -Interval 50 -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $results.Status | Should -Be @('Sent', 'Sent', 'Sent', 'Sent')
        $results.Sequence | Should -Be @(1, 2, 3, 4)
    }

    It 'reports Refused for each datagram that drew the ICMP error, and sends all of them' {
        # Four Refused are four ICMP answers: one per datagram that arrived at the closed port.
        $results = @(Send-UdpDatagram -ComputerName 127.0.0.1 -Port $closed -Message 'ping' -Count 4 -Interval 20 -Timeout 2000)
        $results.Status | Should -Be @('Refused', 'Refused', 'Refused', 'Refused')
        $results.BytesSent | Should -Be @(4, 4, 4, 4)
        $results.Sequence | Should -Be @(1, 2, 3, 4)
    }
}

# Text from the network never drives the terminal through a default view: control characters and
# bidirectional overrides print escaped, while the Reply property keeps the exact text.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    # A reply that would recolour the terminal, ring its bell, and reverse what follows it.
    $script:Hostile = "`e[41mred`a`u{202E}txt`r`n"

    function Start-ReplyPeer {
        # A one-shot raw .NET peer (not EchoNet) in a thread job: it answers the first message it
        # gets with $Reply and ends. Returns the job and the port it listens on.
        param([ValidateSet('Tcp', 'Udp')] [string] $Protocol, [string] $Reply)
        $job = Start-ThreadJob -ArgumentList $Protocol, $Reply -ScriptBlock {
            param($Protocol, $Reply)
            $bytes = [Text.Encoding]::UTF8.GetBytes($Reply)
            $loopback = [System.Net.IPEndPoint]::new([ipaddress]::Loopback, 0)
            if ($Protocol -eq 'Tcp') {
                $listener = [System.Net.Sockets.TcpListener]::new($loopback)
                $listener.Start()
                try {
                    $listener.LocalEndpoint.Port
                    $accept = $listener.AcceptTcpClientAsync()
                    if (-not $accept.Wait(10000)) { return }
                    $client = $accept.Result
                    $client.Client.ReceiveTimeout = 10000
                    $null = $client.Client.Receive([byte[]]::new(1024))
                    $null = $client.Client.Send($bytes)
                    $client.Client.Shutdown([System.Net.Sockets.SocketShutdown]::Send)
                    Start-Sleep -Milliseconds 200
                    $client.Dispose()
                }
                finally { $listener.Stop() }
            }
            else {
                $udp = [System.Net.Sockets.UdpClient]::new($loopback)
                try {
                    $udp.Client.LocalEndPoint.Port
                    $udp.Client.ReceiveTimeout = 10000
                    $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
                    $null = $udp.Receive([ref]$from)
                    $null = $udp.Send($bytes, $bytes.Length, $from)
                }
                finally { $udp.Dispose() }
            }
        }
        if (-not (Wait-Until { $job.Output.Count -ge 1 })) { $job | Remove-Job -Force; throw "The $Protocol peer did not start within 5 s." }
        [pscustomobject]@{ Job = $job; Port = [int]$job.Output[0] }
    }

    function Assert-SafeToPrint {
        # Rendered output may hold line breaks between rows and nothing else below U+0020.
        param([string] $Rendered)
        $unsafe = @($Rendered.ToCharArray() | Where-Object {
                ([int]$_ -lt 0x20 -and $_ -notin "`r", "`n") -or ([int]$_ -ge 0x7F -and [int]$_ -le 0x9F) -or $_ -eq [char]0x202E })
        $unsafe.Count | Should -Be 0 -Because "no raw control character may reach the terminal, found: $(($unsafe | ForEach-Object { '0x{0:X}' -f [int]$_ }) -join ' ')"
    }
}

Describe 'Default views escape what the network sent' {
    It 'prints a TCP reply''s control characters escaped in the table and list views; Reply keeps them' {
        $peer = Start-ReplyPeer -Protocol Tcp -Reply $Hostile
        try {
            $result = Send-TcpMessage -Port $peer.Port -Message 'hi' -Timeout 5000
            $result.Reply | Should -BeExactly $Hostile
            $table = $result | Format-Table | Out-String -Width 300
            Assert-SafeToPrint $table
            $table | Should -Match ([regex]::Escape('\e[41mred\a\u202Etxt\r\n'))
            $list = $result | Format-List | Out-String -Width 300
            Assert-SafeToPrint $list
            $list | Should -Match ([regex]::Escape('\e[41mred\a'))
        }
        finally { $peer.Job | Remove-Job -Force }
    }

    It 'prints a UDP reply''s control characters escaped in the table and list views; Reply keeps them' {
        $peer = Start-ReplyPeer -Protocol Udp -Reply $Hostile
        try {
            $result = Send-UdpDatagram -Port $peer.Port -Message 'hi' -Timeout 5000
            $result.Status | Should -Be 'Replied'
            $result.Reply | Should -BeExactly $Hostile
            foreach ($rendered in @(($result | Format-Table | Out-String -Width 300), ($result | Format-List | Out-String -Width 300))) {
                Assert-SafeToPrint $rendered
                $rendered | Should -Match ([regex]::Escape('\e[41mred\a'))
            }
        }
        finally { $peer.Job | Remove-Job -Force }
    }

    It 'escapes every C0 and C1 control and DEL, and leaves other text as it is' {
        $all = -join ((0..0x1F) + 0x7F + (0x80..0x9F) | ForEach-Object { [char]$_ })
        $escaped = [EchoNet.Text.DisplayText]::Escape("a${all}ü€b")
        Assert-SafeToPrint $escaped
        $escaped | Should -BeLike 'a\0\x01*\x1F\x7F\x80*\x9Fü€b'
        [EchoNet.Text.DisplayText]::Escape('plain text') | Should -BeExactly 'plain text'
        [EchoNet.Text.DisplayText]::Escape($null) | Should -BeNullOrEmpty
    }
}

# Every default table view at 80 columns (a terminal, redirected output, the README's Demo): the
# reply or data column stays readable; one escape style across views (\r\n, \e, \xHH for bytes
# that are not UTF-8); a Hex view for results and events. Loopback only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-Lines {
        # The object's default view at 80 columns, as lines.
        param([Parameter(ValueFromPipeline)] $InputObject, [string] $View)
        begin { $all = [System.Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end {
            $text = if ($View) { $all | Format-Table -View $View | Out-String -Width 80 } else { $all | Out-String -Width 80 }
            foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 80; $line }
        }
    }

    $script:server = Start-EchoServer -Port 0 -Protocol Tcp, Udp -Record
    $script:reply = 'a readable reply of 40 characters, here'
}
AfterAll { $server | Stop-EchoServer }

Describe 'Default views at 80 columns' {
    It 'Send-TcpMessage: the reply keeps 20 columns, the target is the name given' {
        $lines = Send-TcpMessage -ComputerName localhost -Port $server.Port -Message $reply | Get-Lines
        $lines[1] | Should -Match 'Reply$'
        ($lines | Where-Object { $_ -like "localhost:$($server.Port) *a readable reply of*" }) | Should -Not -BeNullOrEmpty
        ($lines -join "`n") | Should -BeLike "*localhost:$($server.Port)*"
    }

    It 'Send-UdpDatagram: the reply keeps at least 20 characters' {
        $lines = Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Message $reply -WaitForReply | Get-Lines
        ($lines -join "`n") | Should -BeLike '*a readable reply of 4*'
    }

    It 'EchoServerEvent (the -Wait and Receive-EchoServerEvent table): the data keeps at least 20 characters' {
        $null = Send-TcpMessage -ComputerName 127.0.0.1 -Port $server.Port -Message $reply
        $events = Receive-RecordedEvent $server -Kind Received -Count 1
        ($events | Get-Lines) -join "`n" | Should -BeLike '*a readable reply of 4*'
    }

    It 'TcpSession keeps Id, Target, State, the counts and TLS' {
        $session = Connect-TcpSession -ComputerName localhost -Port $server.Port
        try { $lines = $session | Get-Lines }
        finally { $session | Disconnect-TcpSession }
        $lines[1] | Should -Match '^\s*Id\s+Target\s+State\s+Sent\s+Received\s+Buffered\s+TLS$'
    }

    It 'EchoServer, WhatwgUrl and UrlQueryParameter keep their last column' {
        ($server | Get-Lines)[1] | Should -Match 'BytesEchoed\s+Faults$'
        (ConvertFrom-Url 'https://example.com/a?b=c' | Get-Lines)[1] | Should -Match 'Href$'
        ((ConvertFrom-Url 'https://example.com/a?b=c').SearchParams | Get-Lines) -join "`n" | Should -Match 'Value'
    }
}

Describe 'One escape style' {
    It 'writes CR LF as \r\n and invalid UTF-8 as \xHH in results and events alike' {
        $bytes = [byte[]](0x6f, 0x6b, 0xff, 0xc3, 0x28, 0x1b, 0x0d, 0x0a)
        $result = Send-TcpMessage -ComputerName 127.0.0.1 -Port $server.Port -Bytes $bytes
        ($result | Get-Lines) -join "`n" | Should -BeLike '*ok\xFF\xC3(\e\r\n*'
        $event = Receive-RecordedEvent $server -Kind Received -Count 1 | Select-Object -Last 1
        $event.Preview | Should -BeExactly 'ok\xFF\xC3(\e\r\n'
    }
}

Describe 'Hex view' {
    It 'shows the exact bytes of <Name>' -ForEach @(
        @{ Name = 'a TCP result'; Get = { Send-TcpMessage -ComputerName 127.0.0.1 -Port $server.Port -Bytes ([byte[]](0, 1, 0xfe, 0x41)) } }
        @{ Name = 'a UDP result'; Get = { Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Bytes ([byte[]](0, 1, 0xfe, 0x41)) -WaitForReply } }
        @{ Name = 'an event'; Get = { $null = Send-TcpMessage -ComputerName 127.0.0.1 -Port $server.Port -Bytes ([byte[]](0, 1, 0xfe, 0x41)); Receive-RecordedEvent $server -Kind Received -Count 1 | Select-Object -Last 1 } }
    ) {
        $lines = & $Get | Get-Lines -View Hex
        $lines[1] | Should -Match 'Hex$'
        ($lines -join "`n") | Should -BeLike '*00 01 fe 41*'
    }
}

# Bad input on every public parameter: validation or an ErrorRecord with a stable id; nothing hangs,
# and a bad record does not stop the pipeline.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $server = Start-EchoServer -Protocol Tcp, Udp
}

AfterAll { Stop-EchoServer -All }

Describe 'Ports' {
    It '<Command> rejects port <Port>' -ForEach @(
        foreach ($command in 'Send-TcpMessage', 'Send-UdpDatagram') {
            @{ Command = $command; Port = -1; Id = 'ParameterArgumentValidationError' }
            @{ Command = $command; Port = 0; Id = 'ParameterArgumentValidationError' }
            @{ Command = $command; Port = 65536; Id = 'ParameterArgumentValidationError' }
            @{ Command = $command; Port = 'http'; Id = 'ParameterArgumentTransformationError' }  # -Port reads ranges: 'http' is not one
        }
    ) {
        { & $Command -Port $Port -Message x } | Should -Throw -ErrorId "$Id,*"
    }
}

Describe 'Host names' {
    It '<Command> rejects an empty host name at binding' -ForEach @(@{ Command = 'Send-TcpMessage' }, @{ Command = 'Send-UdpDatagram' }) {
        { & $Command -ComputerName '' -Port 7 -Message x } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It '<Command> reports a whitespace-only host name as InvalidArgument' -ForEach @(@{ Command = 'Send-TcpMessage' }, @{ Command = 'Send-UdpDatagram' }) {
        & $Command -ComputerName '   ' -Port 7 -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It '<Command> reports an over-long host name as InvalidArgument' -ForEach @(@{ Command = 'Send-TcpMessage' }, @{ Command = 'Send-UdpDatagram' }) {
        & $Command -ComputerName ('x' * 254) -Port 7 -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
    }

    It 'Send-UdpDatagram reports an unresolvable host as HostNotFound' {
        Send-UdpDatagram -ComputerName 'nothing.invalid' -Port 7 -Message x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostNotFound,EchoNet.Commands.SendUdpDatagramCommand'
    }

    It 'accepts IPv6 literals <Literal> with or without brackets' -ForEach @(@{ Literal = '::1' }, @{ Literal = '[::1]' }) {
        $v6 = Start-EchoServer -Address ::1 -Protocol Tcp, Udp
        (Send-TcpMessage -ComputerName $Literal -Port $v6.Port -Message 'six').Reply | Should -Be 'six'
        (Send-UdpDatagram -ComputerName $Literal -Port $v6.Port -Message 'six' -WaitForReply).Reply | Should -Be 'six'
        $v6 | Stop-EchoServer
    }

    It 'Start-EchoServer rejects an empty or whitespace address' {
        { Start-EchoServer -Address '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Start-EchoServer -Address ' ' } | Should -Throw -ErrorId 'InvalidListenAddress,*'
    }
}

Describe 'Messages' -Tag 'Engine' {
    It 'echoes NUL bytes and control characters intact' {
        $text = "a`0b`0`0c`r`n`t"
        (Send-TcpMessage -Port $server.Port -Message $text).Reply | Should -BeExactly $text
        (Send-UdpDatagram -Port $server.Port -Message $text -WaitForReply).Reply | Should -BeExactly $text
    }

    It 'echoes a 16 MiB message byte-exact' {
        $big = New-TestBytes -Length 16MB
        $r = Send-TcpMessage -Port $server.Port -Bytes $big -Timeout 60000
        Test-SameBytes $big $r.ReplyBytes | Should -BeTrue
    }

    It 'bounds the reply with -MaxReplyBytes (ReplyTooLarge, LimitsExceeded)' {
        Send-TcpMessage -Port $server.Port -Bytes (New-TestBytes -Length 100000) -MaxReplyBytes 1000 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'ReplyTooLarge,EchoNet.Commands.SendTcpMessageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'sends text that does not fit the encoding as the encoding''s replacement' {
        (Send-TcpMessage -Port $server.Port -Message 'é' -Encoding ascii).Reply | Should -Be '?'
    }

    It 'decodes invalid UTF-8 replies with the replacement character, keeping the bytes' {
        $r = Send-TcpMessage -Port $server.Port -Bytes ([byte[]](0xC3, 0x28))
        $r.Reply | Should -Be "$([char]0xFFFD)("
        $r.ReplyBytes | Should -Be @(0xC3, 0x28)
    }

    It 'treats $null pipeline input as an empty message and an empty pipeline as nothing' {
        $r = $null | Send-TcpMessage -Port $server.Port
        $r.BytesSent | Should -Be 0
        @(@() | Send-TcpMessage -Port $server.Port).Count | Should -Be 0
        $u = $null | Send-UdpDatagram -Port $server.Port
        $u.BytesSent | Should -Be 0
    }

    It 'goes on with the next record after a bad one' {
        $results = 'ok1', ('x' * 2000), 'ok2' | Send-TcpMessage -Port $server.Port -MaxReplyBytes 1000 -ErrorVariable errs -ErrorAction SilentlyContinue
        # One result per message, the failed one included with its status.
        $results.Count | Should -Be 3
        $results.Status | Should -Be @('Success', 'ReplyTooLarge', 'Success')
        ($results | Where-Object Status -EQ 'Success').Reply | Should -Be @('ok1', 'ok2')
        $errs.Count | Should -Be 1
    }
}

Describe 'Other parameters' {
    It 'Start-EchoServer -Protocol rejects Sctp' {
        { Start-EchoServer -Protocol Sctp } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
    }

    It '<Name> rejects a bad value at binding' -ForEach @(
        @{ Name = 'Start-EchoServer -MaxConnections'; Script = { Start-EchoServer -MaxConnections 0 } }
        @{ Name = 'Start-EchoServer -IdleTimeout'; Script = { Start-EchoServer -IdleTimeout -1 } }
        @{ Name = 'Send-TcpMessage -Timeout'; Script = { Send-TcpMessage -Port 7 -Timeout 0 } }
        @{ Name = 'Send-TcpMessage -ReplyLength'; Script = { Send-TcpMessage -Port 7 -ReplyLength -5 } }
        @{ Name = 'Send-TcpMessage -Terminator'; Script = { Send-TcpMessage -Port 7 -Terminator '' } }
        @{ Name = 'Send-UdpDatagram -Count'; Script = { Send-UdpDatagram -Port 7 -Count 0 } }
        @{ Name = 'Send-UdpDatagram -Interval'; Script = { Send-UdpDatagram -Port 7 -Interval -1 } }
        @{ Name = 'Get-EchoServer -Port'; Script = { Get-EchoServer -Port 70000 } }
    ) {
        $Script | Should -Throw -ErrorId 'ParameterArgument*'
    }

    It 'takes -Protocol case-insensitively' {
        $s = Start-EchoServer -Protocol udp
        $s.Protocol | Should -Be 'Udp'
        $s | Stop-EchoServer
    }
}

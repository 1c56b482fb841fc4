# Start-EchoServer -ReplyFormat: a reply built from what the client sent, per message or per line,
# over TCP and UDP. (The tutorial's own server as the model of a formatted reply: TutorialPeers.Tests.ps1.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -ReplyFormat' -Tag 'Engine' {
    It 'replies per line with -Terminator, keeping the terminator' {
        $server = Start-EchoServer -ReplyFormat '<{0}>' -Terminator "`n"
        $r = Send-TcpMessage -Port $server.Port -Message "one`ntwo`n" -Terminator "<two>`n"
        $r.Reply | Should -BeExactly "<one>`n<two>`n"
    }

    It 'formats UDP datagrams too' {
        $server = Start-EchoServer -Protocol Udp -ReplyFormat 'got {0}'
        (Send-UdpDatagram -Port $server.Port -Message 'x' -WaitForReply).Reply | Should -BeExactly 'got x'
    }

    It 'rejects a bad format with InvalidReplyFormat' {
        { Start-EchoServer -ReplyFormat 'broken {' } | Should -Throw -ErrorId 'InvalidReplyFormat,EchoNet.Commands.StartEchoServerCommand'
    }
}

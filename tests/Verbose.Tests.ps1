# -Verbose on the server and URL cmdlets says what each did (the client cmdlets' trace lines are
# tested in Targets.Tests.ps1 and TcpSession.Tests.ps1).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Get-VerboseText {
        # The verbose lines a script block writes, as one string; its other output is dropped.
        param([scriptblock] $Script)
        (& $Script 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
    }
}

Describe '-Verbose on the server and URL cmdlets' {
    It 'Start-EchoServer says where it listens, on which engine, and what it does' {
        $text = Get-VerboseText { $script:server = Start-EchoServer -Port 0 -Record -Verbose }
        try {
            $text | Should -Match "Echo server $($server.Id) listens on 127\.0\.0\.1:$($server.Port) \(Tcp, $($server.Engine) engine\)"
            $text | Should -Match 'echoes what arrives, records up to \d+ bytes'
            $server.Engine | Should -BeIn 'epoll', 'portable'
        }
        finally { $server | Stop-EchoServer }
    }

    It 'Get-EchoServer counts the servers and Stop-EchoServer says what each served' {
        $server = Start-EchoServer -Port 0
        $null = Send-TcpMessage -Port $server.Port -Message 'hi'
        Get-VerboseText { Get-EchoServer -Verbose } | Should -Match '\d+ echo server\(s\) in this PowerShell process'
        $text = Get-VerboseText { $server | Stop-EchoServer -Verbose }
        $text | Should -Match "Stopped echo server $($server.Id) \(Tcp on 127\.0\.0\.1:$($server.Port)\): 1 connections"
    }

    It 'Receive-EchoServerEvent says whose events it reads and how long it waits' {
        $server = Start-EchoServer -Port 0 -Record
        try {
            $text = Get-VerboseText { $server | Receive-EchoServerEvent -Wait -Timeout 50 -Verbose }
            $text | Should -Match "Reading the recorded events of echo server\(s\) $($server.Id); waiting up to 50 ms"
        }
        finally { $server | Stop-EchoServer }
    }

    It 'ConvertFrom-Url and Test-Url say what each input became and what the parser repaired' {
        $text = Get-VerboseText { ConvertFrom-Url 'HTTPS://user@Example.com\a b' -Verbose }
        $text | Should -BeLike "*'HTTPS://user@Example.com\a b' parses as https://user@example.com/a%20b (3 validation error(s): *invalid-credentials*invalid-reverse-solidus*invalid-URL-unit*"
        Get-VerboseText { Test-Url 'https://exa mple.com/' -Verbose } | Should -Match "is not a URL: "
        Get-VerboseText { Test-Url 'https://example.com/' -Verbose } | Should -Match 'no validation error'
    }

    It 'writes no verbose line without -Verbose' {
        Get-VerboseText { ConvertFrom-Url 'https://example.com/'; Test-Url 'x' } | Should -BeNullOrEmpty
    }
}

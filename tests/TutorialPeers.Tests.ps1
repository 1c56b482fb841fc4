# The tutorial's own client and server (tests/peers/tutorial/) as real peers of EchoNet, in python3.
BeforeDiscovery {
    $python = Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $python = (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source

    function New-TutorialScript {
        # The tutorial's code, unchanged except host and port.
        param([string] $Name, [int] $Port)
        $text = Get-Content (Join-Path $PSScriptRoot "peers/tutorial/$Name") -Raw -Encoding utf8
        $text = $text.Replace("HOST = 'localhost'", "HOST = '127.0.0.1'").Replace('PORT = 8888', "PORT = $Port")
        $path = Join-Path $TestDrive "$Port-$Name"
        Set-Content -Path $path -Value $text -Encoding utf8 -NoNewline
        $path
    }

    function Invoke-TutorialClient {
        # Runs the tutorial client against a port; returns its stdout lines. Bounded by a kill.
        param([int] $Port)
        $script = New-TutorialScript -Name 'tutorial_client.py' -Port $Port
        $info = [System.Diagnostics.ProcessStartInfo]::new($python, @('-u', $script))
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit(10000)) { $process.Kill(); throw 'The tutorial client did not finish within 10 s.' }
        $stdout.Result.TrimEnd("`r", "`n")
    }

    function Start-TutorialServer {
        # Starts the tutorial server on a free port and waits until it accepts connections.
        $port = Get-ClosedPort
        $script = New-TutorialScript -Name 'tutorial_server.py' -Port $port
        $info = [System.Diagnostics.ProcessStartInfo]::new($python, @('-u', $script))
        $info.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $ready = Wait-Until -TimeoutMs 10000 -Condition {
            try { ([System.Net.Sockets.TcpClient]::new('127.0.0.1', $port)).Dispose(); $true } catch { $false }
        }
        if (-not $ready) { $process.Kill(); throw "The tutorial server did not listen on $port within 10 s." }
        [pscustomobject]@{ Process = $process; Port = $port }
    }
}

Describe 'The socket tutorial and EchoNet' -Skip:(-not $python) {
    BeforeAll {
        $tutorialServer = Start-TutorialServer
    }
    AfterAll {
        if ($tutorialServer) { $tutorialServer.Process.Kill(); $tutorialServer.Process.WaitForExit(5000) }
        Stop-EchoServer -All
    }

    It 'the tutorial client against Start-EchoServer prints the echo' -Tag 'Engine' {
        $server = Start-EchoServer
        Invoke-TutorialClient -Port $server.Port | Should -BeExactly 'Server said: Hello server!'
    }

    It 'the tutorial client prints the same against -ReplyFormat as against the tutorial server' -Tag 'Engine' {
        $expected = Invoke-TutorialClient -Port $tutorialServer.Port
        $expected | Should -BeExactly 'Server said: Hello client! You sent me "Hello server!".'
        $server = Start-EchoServer -ReplyFormat 'Hello client! You sent me "{0}".'
        Invoke-TutorialClient -Port $server.Port | Should -BeExactly $expected
    }

    It 'Send-TcpMessage gets the tutorial server''s answer at once, though it keeps the connection open' {
        $r = Send-TcpMessage -Port $tutorialServer.Port -ComputerName 127.0.0.1 -Message 'Hello server!'
        $r.Reply | Should -BeExactly 'Hello client! You sent me "Hello server!".'
        # The reply is longer than the message: the default rule ends on a complete echo's length,
        # not on a quiet period or the (never coming) close.
        $r.ReplyEnd | Should -Be 'Echo'
    }
}

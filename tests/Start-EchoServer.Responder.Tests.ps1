# Start-EchoServer -Responder: a protocol fake written as a scriptblock. Driven by clients that are
# not EchoNet (raw .NET TcpClient/UdpClient, python3 sockets): framing, byte-exact replies in
# order, state per connection and per server, greetings, failures and timeouts, runspaces freed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $ascii = [Text.Encoding]::ASCII

    function Send-Text([Net.Sockets.TcpClient] $Client, [string] $Text) {
        $bytes = $ascii.GetBytes($Text)
        $Client.Client.Send($bytes) | Should -Be $bytes.Length
    }

    function Read-Text([Net.Sockets.TcpClient] $Client, [string] $Expected) {
        # Exactly as many bytes as expected (a timeout throws), as text.
        $ascii.GetString((Read-TestBytes -Client $Client -Count $ascii.GetByteCount($Expected)))
    }

    function Wait-Until([scriptblock] $Condition, [int] $TimeoutMs = 5000) {
        $deadline = [DateTime]::UtcNow.AddMilliseconds($TimeoutMs)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 20
        }
    }

    $script:Redis = {
        param($Request)
        $word = -split $Request.Text
        switch ($word[0]) {
            'PING' { '+PONG' }
            'SET' { $Request.Server.State[$word[1]] = $word[2]; '+OK' }
            'GET' { $v = $Request.Server.State[$word[1]]; if ($null -eq $v) { '$-1' } else { '$' + $v.Length; $v } }
            default { "-ERR unknown command '$($word[0])'" }
        }
    }
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Responder' -Tag 'Engine' {
    It 'answers a Redis-style fake byte-exact, with CR LF mirrored and server state shared across connections' {
        $server = Start-EchoServer -Responder $Redis -ThrottleLimit 2
        $a = Connect-TestClient -Port $server.Port
        $b = Connect-TestClient -Port $server.Port
        try {
            Send-Text $a "PING`r`nSET k hello`r`n"
            Read-Text $a "+PONG`r`n+OK`r`n" | Should -BeExactly "+PONG`r`n+OK`r`n"
            Send-Text $b "GET k`r`nGET nothing`r`nFLY`r`n"
            $expected = "`$5`r`nhello`r`n`$-1`r`n-ERR unknown command 'FLY'`r`n"
            Read-Text $b $expected | Should -BeExactly $expected
        }
        finally { $a.Dispose(); $b.Dispose(); $server.Stop() }
    }

    It 'serves 50 concurrent connections byte-exact and in order, each with its own state' {
        $server = Start-EchoServer -Responder {
            param($Request)
            # The first answer is slow, so the second segment arrives while it runs.
            if ($Request.Index -eq 1) { Start-Sleep -Milliseconds 40 }
            $Request.Connection.State.n++
            "$($Request.Text) #$($Request.Connection.State.n)"
        } -ThrottleLimit 4
        $clients = 1..50 | ForEach-Object { Connect-TestClient -Port $server.Port -TimeoutMs 15000 }
        try {
            # Every client sends its 10 lines in two segments before anyone reads: pipelined, concurrent.
            foreach ($half in (1..5), (6..10)) {
                for ($i = 0; $i -lt 50; $i++) { Send-Text $clients[$i] (($half | ForEach-Object { "c$i-$_`n" }) -join '') }
            }
            for ($i = 0; $i -lt 50; $i++) {
                $expected = (1..10 | ForEach-Object { "c$i-$_ #$_`n" }) -join ''
                Read-Text $clients[$i] $expected | Should -BeExactly $expected
            }
            $server.Requests | Should -Be 500
        }
        finally { $clients | ForEach-Object { $_.Dispose() }; $server.Stop() }
    }

    It 'greets a python3 client before it sends a byte, frames pipelined requests in one segment' {
        $server = Start-EchoServer -Responder { param($Request) "250 $($Request.Index) $($Request.Text)" } -Greeting '220 ready' -Terminator "`r`n" -ThrottleLimit 1
        try {
            $python = @'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
def read(n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk: break
        data += chunk
    return data
greeting = read(len(b"220 ready\r\n"))
s.sendall(b"HELO a\r\nMAIL b\r\nRCPT c\r\n")
replies = read(len(b"250 1 HELO a\r\n250 2 MAIL b\r\n250 3 RCPT c\r\n"))
sys.stdout.write(repr(greeting) + "|" + repr(replies))
'@
            $out = python3 -c $python $server.Port
            $out | Should -BeExactly "b'220 ready\r\n'|b'250 1 HELO a\r\n250 2 MAIL b\r\n250 3 RCPT c\r\n'"
        }
        finally { $server.Stop() }
    }

    It 'goes on serving others while one responder sleeps and another throws; the failure is counted and recorded' {
        $server = Start-EchoServer -Record -ThrottleLimit 3 -Responder {
            param($Request)
            switch ($Request.Text) {
                'sleep' { Start-Sleep -Milliseconds 2500; 'woke' }
                'throw' { throw 'deliberate failure' }
                default { "ok $_" }
            }
        }
        $sleeper = Connect-TestClient -Port $server.Port
        $other = Connect-TestClient -Port $server.Port
        try {
            Send-Text $sleeper "sleep`n"
            Send-Text $other "throw`nfine`n"
            # Answered while the sleeper's responder still sleeps: nothing for the sleeper yet.
            Read-Text $other "ok fine`n" | Should -BeExactly "ok fine`n"
            $sleeper.Available | Should -Be 0
            Read-Text $sleeper "woke`n" | Should -BeExactly "woke`n"
            $server.ResponderErrors | Should -Be 1
            $errors = @(Receive-EchoServerEvent $server -Kind Error -Keep)
            $errors.Count | Should -Be 1
            $errors[0].Message | Should -Match 'deliberate failure'
            $errors[0].ConnectionId | Should -Be 2
        }
        finally { $sleeper.Dispose(); $other.Dispose(); $server.Stop() }
    }

    It 'closes after the reply when the responder calls Close(), answering nothing after it' {
        $server = Start-EchoServer -ThrottleLimit 1 -Responder {
            param($Request)
            if ($Request.Text -eq 'QUIT') { $Request.Connection.Close(); '221 bye' } else { "250 $($Request.Text)" }
        }
        $client = Connect-TestClient -Port $server.Port
        try {
            Send-Text $client "NOOP`nQUIT`nNOOP`n"
            Read-Text $client "250 NOOP`n221 bye`n" | Should -BeExactly "250 NOOP`n221 bye`n"
            $client.Client.Receive([byte[]]::new(64)) | Should -Be 0   # the server's FIN, not a timeout
        }
        finally { $client.Dispose(); $server.Stop() }
    }

    It 'stops a responder that runs past -ResponderTimeout, closes its connection, and serves the next' {
        $server = Start-EchoServer -ResponderTimeout 0.5 -ThrottleLimit 1 -Responder {
            param($Request)
            if ($Request.Text -eq 'hang') { Start-Sleep -Seconds 60 }
            "done $($Request.Text)"
        }
        $hung = Connect-TestClient -Port $server.Port
        try {
            Send-Text $hung "hang`n"
            $closed = try { $hung.Client.Receive([byte[]]::new(64)) } catch [Net.Sockets.SocketException] { if ($_.Exception.SocketErrorCode -eq 'TimedOut') { throw } 0 }
            $closed | Should -Be 0
            $server.ResponderTimeouts | Should -Be 1
            # The only runspace was stopped and replaced: the next client is served.
            $next = Connect-TestClient -Port $server.Port
            Send-Text $next "x`n"
            Read-Text $next "done x`n" | Should -BeExactly "done x`n"
            $next.Dispose()
        }
        finally { $hung.Dispose(); $server.Stop() }
    }

    It 'frames by -RequestLength, passes bytes through raw, and records a Sent event per reply' {
        $server = Start-EchoServer -RequestLength 3 -Record -ThrottleLimit 1 -Responder {
            param($Request)
            , [byte[]]($Request.Data | ForEach-Object { ($_ + 1) % 256 })
        }
        $client = Connect-TestClient -Port $server.Port
        try {
            $client.Client.Send([byte[]](0, 1, 2, 253, 254, 255, 9)) | Out-Null
            $reply = Read-TestBytes -Client $client -Count 6
            $reply | Should -Be ([byte[]](1, 2, 3, 254, 255, 0))
            Wait-Until { (@(Receive-EchoServerEvent $server -Kind Sent -Keep)).Count -eq 2 }
            $conversation = @(Receive-EchoServerEvent $server -Kind Received, Sent)
            $conversation.Kind -join ',' | Should -BeExactly 'Received,Received,Sent,Sent'
            $conversation[3].Data | Should -Be ([byte[]](254, 255, 0))
        }
        finally { $client.Dispose(); $server.Stop() }
    }

    It 'answers the requests before one longer than -MaxLineLength, then closes the connection' {
        $server = Start-EchoServer -MaxLineLength 10 -ThrottleLimit 1 -Responder { "<$($Request.Text)>" }
        $client = Connect-TestClient -Port $server.Port
        try {
            Send-Text $client ("short`n" + ('x' * 40) + "`nlater`n")
            Read-Text $client "<short>`n" | Should -BeExactly "<short>`n"
            $client.Client.Receive([byte[]]::new(64)) | Should -Be 0
            $server.LinesTooLong | Should -Be 1
            $server.Requests | Should -Be 1
        }
        finally { $client.Dispose(); $server.Stop() }
    }

    It 'answers UDP datagrams, one request each, with no terminator added' {
        $server = Start-EchoServer -Protocol Udp -ThrottleLimit 1 -Responder { param($Request) "pong:$($Request.Text)" }
        $udp = [Net.Sockets.UdpClient]::new()
        try {
            $udp.Client.ReceiveTimeout = 5000
            $udp.Connect('127.0.0.1', $server.Port)
            $udp.Send($ascii.GetBytes('ping 1'), 6) | Out-Null
            $from = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            $ascii.GetString($udp.Receive([ref] $from)) | Should -BeExactly 'pong:ping 1'
        }
        finally { $udp.Dispose(); $server.Stop() }
    }

    It 'frees every runspace it opened when it stops' {
        $before = @(Get-Runspace).Count
        $server = Start-EchoServer -ThrottleLimit 3 -Responder { $Request.Text }   # $Request without a param() block
        $client = Connect-TestClient -Port $server.Port
        try {
            Send-Text $client "a`n"
            Read-Text $client "a`n" | Out-Null
            @(Get-Runspace).Count | Should -BeGreaterThan $before
        }
        finally { $client.Dispose(); $server.Stop() }
        Wait-Until { @(Get-Runspace).Count -eq $before }
        @(Get-Runspace).Count | Should -Be $before
    }
}

Describe 'Start-EchoServer -Responder -Wait' {
    It 'writes each request and each reply as a row, in order' {
        $port = Get-FreeTcpPort
        $ps = [powershell]::Create()
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-EchoNetManifest)).AddStatement()
            $null = $ps.AddCommand('Start-EchoServer').AddParameter('Port', $port).AddParameter('ThrottleLimit', 1).AddParameter('Wait').AddParameter('Responder', { "re:$($Request.Text)" })
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()   # else the pipeline waits for input before -Wait's EndProcessing
            $run = $ps.BeginInvoke($noInput, $output)
            Wait-Until { Get-EchoServer -Port $port -ErrorAction SilentlyContinue }
            $client = Connect-TestClient -Port $port
            try {
                Send-Text $client "a`nb`n"
                Read-Text $client "re:a`nre:b`n" | Should -BeExactly "re:a`nre:b`n"
            }
            finally { $client.Dispose() }
            # Indexed, not enumerated: enumerating an open PSDataCollection blocks until it completes.
            $written = { @(for ($i = 0; $i -lt $output.Count; $i++) { $output[$i] }) }
            Wait-Until { @(& $written | Where-Object { $_.Kind -eq 'Sent' }).Count -eq 2 }
            Get-EchoServer -Port $port | Stop-EchoServer
            $run.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue
            $rows = @(& $written | Where-Object { $_.Kind -in 'Received', 'Sent' } | ForEach-Object { "$($_.Kind) $($_.Preview)" })
            $rows -join '|' | Should -BeExactly 'Received a\n|Received b\n|Sent re:a\n|Sent re:b\n'  # the escapes of every view
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Start-EchoServer -Responder over TLS' {
    It 'greets and answers through the TLS stream' {
        $server = Start-EchoServer -Certificate (New-TestCertificate) -Greeting 'hello' -ThrottleLimit 1 -Responder { "tls:$($Request.Text)" }
        try {
            $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port -UseTls -SkipCertificateCheck
            (Receive-TcpMessage -Session $session -Terminator "`n").Reply | Should -BeExactly "hello`n"
            (Send-TcpMessage -Session $session -Message "one`ntwo`n" -Terminator "tls:two`n").Reply | Should -BeExactly "tls:one`ntls:two`n"
            Disconnect-TcpSession -Session $session
        }
        finally { $server.Stop() }
    }
}

Describe 'Start-EchoServer -Responder: bad input' {
    It 'refuses <Name> with <Id>, starting nothing' -ForEach @(
        @{ Name = '-ReplyFormat'; Id = 'ResponderWithReplyFormat'; Splat = @{ ReplyFormat = '{0}' } }
        @{ Name = '-Discard'; Id = 'ResponderWithDiscard'; Splat = @{ Discard = $true } }
        @{ Name = '-RequestLength 0'; Id = 'InvalidRequestLength'; Splat = @{ RequestLength = 0 } }
        @{ Name = '-ThrottleLimit 0'; Id = 'InvalidThrottleLimit'; Splat = @{ ThrottleLimit = 0 } }
        @{ Name = 'a greeting too long'; Id = 'GreetingTooLong'; Splat = @{ Greeting = 'x' * 100; MaxLineLength = 50 } }
        @{ Name = '-RequestLength with -Terminator'; Id = 'RequestLengthWithTerminator'; Splat = @{ RequestLength = 4; Terminator = ';' } }
        @{ Name = 'a greeting that is neither string nor scriptblock'; Id = 'InvalidGreeting'; Splat = @{ Greeting = 42 } }
    ) {
        $servers = @(Get-EchoServer).Count
        $runspaces = @(Get-Runspace).Count
        { Start-EchoServer -Responder { 'x' } @Splat -ErrorAction Stop } |
            Should -Throw -ErrorId "$Id,EchoNet.Commands.StartEchoServerCommand"
        @(Get-EchoServer).Count | Should -Be $servers
        @(Get-Runspace).Count | Should -Be $runspaces
    }

    It 'refuses -Greeting without -Responder' {
        { Start-EchoServer -Greeting 'hi' } | Should -Throw -ErrorId 'GreetingNeedsResponder,EchoNet.Commands.StartEchoServerCommand'
    }
}

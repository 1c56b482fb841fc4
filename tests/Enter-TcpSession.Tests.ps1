# Enter-TcpSession, the interactive mode, driven through a child pwsh whose standard input and
# output are pipes, against a raw .NET line peer in this process (not EchoNet). Every wait is
# bounded; loopback only.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Start-Interactive {
        # A listener, a child pwsh running Enter-TcpSession against it, and the accepted peer socket.
        param([string] $Arguments = '', [string] $Command = 'Enter-TcpSession -ComputerName 127.0.0.1 -Port {port} {args}')
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $process = Start-ChildCommand ($Command.Replace('{port}', "$port").Replace('{args}', $Arguments))
        $accept = $listener.AcceptSocketAsync()
        if (-not $accept.Wait(60000)) { $process.Kill($true); throw 'Enter-TcpSession did not connect within 60 s.' }
        $listener.Stop()
        $peer = $accept.Result
        $peer.ReceiveTimeout = 20000
        [pscustomobject]@{
            Process = $process; Peer = $peer; Port = $port
            Output = [System.Text.StringBuilder]::new(); Pending = $null
        }
    }

    function Start-ChildCommand {
        # A child pwsh that imports the module and runs $Command, its standard streams redirected.
        param([string] $Command)
        $script = "Import-Module '$(Get-EchoNetManifest)'; " + $Command
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in 'pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) { $info.ArgumentList.Add($a) }
        $info.WorkingDirectory = Split-Path (Get-EchoNetManifest)
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.Environment['NO_COLOR'] = '1'
        [System.Diagnostics.Process]::Start($info)
    }

    function Start-Listening {
        # A child pwsh in Enter-TcpSession -Listen on 127.0.0.1 port 0; the port read back from its status line.
        param([string] $Arguments = '')
        $s = [pscustomobject]@{
            Process = Start-ChildCommand "Enter-TcpSession -Listen -Address 127.0.0.1 $Arguments"
            Peer = $null; Port = 0; Output = [System.Text.StringBuilder]::new(); Pending = $null
        }
        Wait-Output $s 'Listening on 127.0.0.1:'
        $s.Port = [int]([regex]::Match($s.Output.ToString(), 'Listening on 127\.0\.0\.1:(\d+)').Groups[1].Value)
        $s
    }

    function Connect-Listening {
        # A raw .NET client of the listening child: the peer of the session.
        param($Session)
        if ($Session.Peer) { $Session.Peer.Dispose() }
        $Session.Peer = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
        $Session.Peer.ReceiveTimeout = 20000
        $Session.Peer.Connect([System.Net.IPAddress]::Loopback, $Session.Port)
    }

    function Wait-Output {
        # Reads the child's standard output until it contains $Text; fails after 30 s.
        param($Session, [string] $Text)
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not $Session.Output.ToString().Contains($Text)) {
            if (-not $Session.Pending) { $Session.Pending = $Session.Process.StandardOutput.ReadLineAsync() }
            $left = [int]($deadline - [DateTime]::UtcNow).TotalMilliseconds
            if ($left -le 0 -or -not $Session.Pending.Wait($left)) { throw "No '$Text' in the output within 30 s; so far: $($Session.Output)" }
            $line = $Session.Pending.Result
            $Session.Pending = $null
            if ($null -eq $line) { throw "Output ended without '$Text'; it was: $($Session.Output)" }
            $null = $Session.Output.AppendLine($line)
        }
    }

    function Read-Peer {
        # What the peer receives until it holds $Count bytes (each read bounded by ReceiveTimeout).
        param($Session, [int] $Count)
        $bytes = [System.Collections.Generic.List[byte]]::new()
        $buffer = [byte[]]::new(4096)
        while ($bytes.Count -lt $Count) {
            $n = $Session.Peer.Receive($buffer)
            if ($n -eq 0) { break }
            $bytes.AddRange([byte[]]$buffer[0..($n - 1)])
        }
        , $bytes.ToArray()
    }

    function Wait-Exit {
        # Waits for the child to end by itself (30 s at most) and returns all it wrote.
        param($Session)
        $rest = $Session.Process.StandardOutput.ReadToEndAsync()
        $errors = $Session.Process.StandardError.ReadToEndAsync()
        $ended = $Session.Process.WaitForExit(30000)
        if (-not $ended) { $Session.Process.Kill($true) }
        $ended | Should -BeTrue -Because 'the command must leave by itself'
        if ($Session.Pending) { $null = $Session.Output.AppendLine($Session.Pending.Result) }
        $Session.Output.ToString() + $rest.Result + $errors.Result
    }

    function Stop-Interactive {
        param($Session)
        if (-not $Session) { return }
        if (-not $Session.Process.HasExited) { $Session.Process.Kill($true) }
        $Session.Process.Dispose()
        if ($Session.Peer) { $Session.Peer.Dispose() }
    }
}

Describe 'Enter-TcpSession' {
    It 'sends typed lines with -LineEnding CRLF, shows what arrives escaped, and leaves at end of input' {
        $s = Start-Interactive '-LineEnding CRLF'
        try {
            $null = $s.Peer.Send([System.Text.Encoding]::UTF8.GetBytes("220 hello`e[41mred`a`r`n"))
            Wait-Output $s '220 hello\e[41mred\a'
            $s.Process.StandardInput.WriteLine('one')
            $s.Process.StandardInput.WriteLine('two')
            $s.Process.StandardInput.Flush()
            $got = Read-Peer $s 10
            [System.Text.Encoding]::UTF8.GetString($got) | Should -BeExactly "one`r`ntwo`r`n"
            $s.Process.StandardInput.Close()
            $all = Wait-Exit $s
            $all | Should -BeLike '*End of input*'
            $all | Should -Not -BeLike "*`e*"
            $s.Process.ExitCode | Should -Be 0
            # The connection it opened is closed: the peer reads end of stream.
            $s.Peer.Receive([byte[]]::new(16)) | Should -Be 0
        }
        finally { Stop-Interactive $s }
    }

    It 'ends lines with LF by default, as nc does' {
        $s = Start-Interactive
        try {
            $s.Process.StandardInput.WriteLine('ping')
            $s.Process.StandardInput.Flush()
            [System.Text.Encoding]::UTF8.GetString((Read-Peer $s 5)) | Should -BeExactly "ping`n"
            $s.Process.StandardInput.Close()
            $null = Wait-Exit $s
        }
        finally { Stop-Interactive $s }
    }

    It 'leaves with a clear message when the peer closes' {
        $s = Start-Interactive
        try {
            $null = $s.Peer.Send([System.Text.Encoding]::UTF8.GetBytes("bye`n"))
            $s.Peer.Shutdown('Send')
            $all = Wait-Exit $s
            $all | Should -BeLike '*bye*'
            $all | Should -BeLike "*127.0.0.1:$($s.Port) closed the connection*"
        }
        finally { Stop-Interactive $s }
    }
}

Describe 'Enter-TcpSession with piped lines' {
    It 'sends them, half-closes as nc -N does, and outputs what the peer says as strings one can capture' {
        $peer = Start-LinePeer
        try {
            $all = 'TWO', 'hello' | Enter-TcpSession -ComputerName 127.0.0.1 -Port $peer.Port -Timeout 5000 -Verbose 4>&1
            $out = @($all | Where-Object { $_ -is [string] })
            $out | Should -BeExactly @('220 ready', 'one', 'two', '250 hello')
            # line_peer.py closes when it reads end of stream: the half-close, not a quiet time, ended it.
            @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "127.0.0.1:$($peer.Port) closed the connection."
            $out | ForEach-Object { $_ | Should -BeOfType [string] }
        }
        finally { Stop-LinePeer $peer }
    }
}

Describe 'Enter-TcpSession -Listen' {
    It 'takes one client: shows what it sends escaped, sends what is typed, and leaves when it leaves' {
        $s = Start-Listening
        try {
            Connect-Listening $s
            $null = $s.Peer.Send([System.Text.Encoding]::UTF8.GetBytes("hi there`e[1m`r`n"))
            Wait-Output $s 'hi there\e[1m'
            $s.Output.ToString() | Should -BeLike "*Connection from 127.0.0.1:*"
            $s.Process.StandardInput.WriteLine('typed')
            $s.Process.StandardInput.Flush()
            [System.Text.Encoding]::UTF8.GetString((Read-Peer $s 6)) | Should -BeExactly "typed`n"
            $s.Peer.Shutdown('Send')
            $all = Wait-Exit $s
            $all | Should -BeLike '*closed the connection*'
            $s.Process.ExitCode | Should -Be 0
        }
        finally { Stop-Interactive $s }
    }

    It 'with -KeepListening takes the next client after one leaves' {
        $s = Start-Listening '-KeepListening'
        try {
            foreach ($word in 'first', 'second') {
                Connect-Listening $s
                $null = $s.Peer.Send([System.Text.Encoding]::UTF8.GetBytes("$word`n"))
                Wait-Output $s $word
                $s.Peer.Shutdown('Send')
                $s.Peer.Receive([byte[]]::new(16)) | Should -Be 0 -Because 'the session closes when its client leaves'
            }
            ([regex]::Matches($s.Output.ToString(), 'Connection from')).Count | Should -Be 2
            $s.Process.HasExited | Should -BeFalse -Because 'it keeps listening until stopped'
        }
        finally { Stop-Interactive $s }
    }

    It 'with -OutFile writes every byte that arrives to the file, byte-exact, as nc -l > file' {
        $file = Join-Path $TestDrive 'received.bin'
        $s = Start-Listening "-OutFile '$file'"
        try {
            Connect-Listening $s
            $bytes = [byte[]]::new(3MB + 17)
            [System.Random]::new(23).NextBytes($bytes)
            $null = $s.Peer.Send($bytes)
            $s.Peer.Shutdown('Send')
            $null = Wait-Exit $s
            Test-SameBytes ([System.IO.File]::ReadAllBytes($file)) $bytes | Should -BeTrue
        }
        finally { Stop-Interactive $s }
    }
}

Describe 'Enter-TcpSession -Session' {
    It 'leaves a session it was given open at end of input and says so; -Disconnect closes it' {
        $s = Start-Interactive -Command ('$s = Connect-TcpSession 127.0.0.1 {port}; Enter-TcpSession -Session $s; ' +
            '"state after: $((Get-TcpSession -Id $s.Id).State)"; Enter-TcpSession -Session $s -Disconnect -LineEnding CR; ' +
            '"sessions left: $(@(Get-TcpSession).Count)"')
        try {
            $s.Process.StandardInput.Close()
            $all = Wait-Exit $s
            $all | Should -BeLike '*stays open*'
            $all | Should -BeLike '*state after: Open*'
            $all | Should -BeLike '*sessions left: 0*'
            $s.Peer.Receive([byte[]]::new(16)) | Should -Be 0
        }
        finally { Stop-Interactive $s }
    }
}

Describe 'Enter-TcpSession parameters' {
    It 'refuses an unknown -LineEnding' {
        { Enter-TcpSession -ComputerName 127.0.0.1 -Port 1 -LineEnding LFCR -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'takes -Session or -ComputerName, not both' {
        # A real session, so that only the parameter-set rule can refuse the call.
        $server = Start-EchoServer
        $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        try {
            { Enter-TcpSession -ComputerName 127.0.0.1 -Port $server.Port -Session $session -ErrorAction Stop } |
                Should -Throw -ErrorId 'AmbiguousParameterSet,EchoNet.Commands.EnterTcpSessionCommand'
        }
        finally { $session | Disconnect-TcpSession; $server | Stop-EchoServer }
    }
}

# -ReplyFormat against clients that do not play along: endless lines over TCP, and datagrams
# that end inside a character or a line over UDP. Raw .NET sockets as peers.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $utf8 = [System.Text.UTF8Encoding]::new($false)
}

AfterAll { Stop-EchoServer -All }

Describe '-ReplyFormat -Terminator line limit' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'keeps 64 KiB by default and shows it' {
        $server = Start-EchoServer -ReplyFormat '{0}' -Terminator "`n"
        $server.MaxLineLength | Should -Be 65536
        $server.LinesTooLong | Should -Be 0
    }

    It 'closes a connection whose line grows past the default limit and counts it' {
        $server = Start-EchoServer -ReplyFormat 'got {0}' -Terminator "`n"
        $client = Connect-TestClient -Port $server.Port
        try {
            $stream = $client.GetStream()
            $stream.Write($utf8.GetBytes("short`n"), 0, 6)
            # 1 MiB without a terminator, in 4 KiB writes: the server must close long before the end.
            $chunk = [byte[]]::new(4096); [Array]::Fill($chunk, [byte][char]'a')
            # A write fails once the server has closed; what the server answered and counted is the check.
            try { for ($i = 0; $i -lt 256; $i++) { $stream.Write($chunk, 0, $chunk.Length) } }
            catch { Write-Verbose "The server closed during the writes: $($_.Exception.Message)" }
            $reply = Read-UntilClosed -Client $client
            $utf8.GetString($reply) | Should -Be "got short`n"
        }
        finally { $client.Dispose() }
        Wait-Until { $server.LinesTooLong -eq 1 } | Should -BeTrue
        Wait-Until { $server.ActiveConnections -eq 0 } | Should -BeTrue
    }

    It 'answers a line of exactly -MaxLineLength and refuses one character more, however it is split' {
        $server = Start-EchoServer -ReplyFormat '<{0}>' -Terminator "`r`n" -MaxLineLength 8
        $ok = Connect-TestClient -Port $server.Port
        try {
            foreach ($piece in '1234', "5678`r", "`nab`r`n") { $ok.GetStream().Write($utf8.GetBytes($piece), 0, $piece.Length); Start-Sleep -Milliseconds 20 }
            $utf8.GetString((Read-TestBytes -Client $ok -Count 18)) | Should -Be "<12345678>`r`n<ab>`r`n"
        }
        finally { $ok.Dispose() }
        $long = Connect-TestClient -Port $server.Port
        try {
            $long.GetStream().Write($utf8.GetBytes("123456789`r`n"), 0, 11)
            (Read-UntilClosed -Client $long).Length | Should -Be 0
        }
        finally { $long.Dispose() }
        Wait-Until { $server.LinesTooLong -eq 1 } | Should -BeTrue
    }

    It 'warns that -MaxLineLength means nothing without -Terminator' {
        $null = Start-EchoServer -ReplyFormat '{0}' -MaxLineLength 10 -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -BeLike '*-MaxLineLength only matters*'
    }

    It 'rejects -MaxLineLength <Value>' -ForEach @(@{ Value = 0 }, @{ Value = -1 }) {
        { Start-EchoServer -ReplyFormat '{0}' -Terminator "`n" -MaxLineLength $Value } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,EchoNet.Commands.StartEchoServerCommand'
    }
}

Describe 'UDP -ReplyFormat: each datagram stands alone' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'answers a datagram that ends inside a UTF-8 character with U+FFFD, not by dropping it' {
        $server = Start-EchoServer -Protocol Udp -ReplyFormat '<{0}>'
        $reply = Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](0x61, 0xC3))
        $utf8.GetString($reply) | Should -Be "<a$([char]0xFFFD)>"
        # The split byte is not carried into the next datagram.
        $utf8.GetString((Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](0xA9, 0x62)))) | Should -Be "<$([char]0xFFFD)b>"
    }

    It 'with -Terminator answers every line, the unterminated last one too, and never sends an empty datagram' {
        $server = Start-EchoServer -Protocol Udp -ReplyFormat '<{0}>' -Terminator "`n"
        $utf8.GetString((Invoke-RawUdpEcho -Port $server.Port -Bytes $utf8.GetBytes("one`ntwo"))) | Should -Be "<one>`n<two>"
        $utf8.GetString((Invoke-RawUdpEcho -Port $server.Port -Bytes $utf8.GetBytes('partial'))) | Should -Be '<partial>'
        $utf8.GetString((Invoke-RawUdpEcho -Port $server.Port -Bytes $utf8.GetBytes("done`n"))) | Should -Be "<done>`n"
    }
}

Describe '-Terminator line splitting work' {
    It 'is linear in the bytes received: a 16 times longer line fed byte by byte costs about 16 times more, not 256' {
        # Compiled, so that the measured work is the responder's, not the PowerShell loop's.
        $core = Join-Path $PSScriptRoot '../bin/EchoNet.Core.dll'
        Add-Type -ReferencedAssemblies $core, 'netstandard', 'System.Runtime', 'System.Text.Encoding.Extensions' -TypeDefinition @'
public static class LineWork
{
    // Feeds a line of `length` bytes one byte per call (the worst case for rescanning) and
    // returns the elapsed Stopwatch ticks.
    public static long Feed(int length)
    {
        var format = new EchoNet.Server.ReplyFormat("{0}", new System.Text.UTF8Encoding(false), "\r\n", 1 << 24);
        var responder = format.CreateResponder();
        var one = new byte[] { (byte)'a' };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < length; i++) responder.Respond(one, 1);
        var end = new byte[] { (byte)'\r', (byte)'\n' };
        if (responder.Respond(end, 2).Length != length + 2) throw new System.Exception("wrong reply");
        return watch.ElapsedTicks;
    }
}
'@
        $null = [LineWork]::Feed(65536)   # warm-up
        $short = [long]::MaxValue; $long = [long]::MaxValue
        for ($round = 0; $round -lt 5; $round++) {
            $short = [Math]::Min($short, [LineWork]::Feed(4096))
            $long = [Math]::Min($long, [LineWork]::Feed(65536))
        }
        ($long / $short) | Should -BeLessThan 48 -Because "linear work gives a ratio near 16, rescanning the line near 256 (short $short, long $long ticks)"
    }
}

# Shared by the test files: the built module, raw loopback peers, bounded waits, child pwsh.
# Raw peers use plain .NET sockets so the server is tested independently of Send-TcpMessage.

function Get-EchoNetManifest {
    # The built module's manifest in this repository (for Import-Module in runspaces and jobs).
    [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../EchoNet.psd1'))
}

function Import-EchoNet {
    Import-Module (Get-EchoNetManifest) -Force -Global
}

function Get-ClosedPort {
    # A loopback port nothing listens on: one the OS picked for a plain socket, which is then
    # closed. Not EchoNet's own server, so that client tests do not rest on Stop-EchoServer.
    param([ValidateSet('Tcp', 'Udp')] [string] $Protocol = 'Tcp', [string] $Address = '127.0.0.1')
    $ip = [System.Net.IPAddress]::Parse($Address)
    $socket = if ($Protocol -eq 'Tcp') {
        [System.Net.Sockets.Socket]::new($ip.AddressFamily, 'Stream', 'Tcp')
    }
    else { [System.Net.Sockets.Socket]::new($ip.AddressFamily, 'Dgram', 'Udp') }
    try {
        $socket.Bind([System.Net.IPEndPoint]::new($ip, 0))
        $socket.LocalEndPoint.Port
    }
    finally { $socket.Dispose() }
}

function New-TestBytes {
    # Every byte value, repeated to the given length: binary-safe payloads.
    param([int] $Length, [int] $Seed = 0)
    $bytes = [byte[]]::new($Length)
    for ($i = 0; $i -lt $Length; $i++) { $bytes[$i] = ($i + $Seed) % 256 }
    , $bytes
}

function Connect-TestClient {
    param([int] $Port, [string] $Address = '127.0.0.1', [int] $TimeoutMs = 5000)
    $client = [System.Net.Sockets.TcpClient]::new($Address, $Port)
    $client.ReceiveTimeout = $TimeoutMs
    $client.SendTimeout = $TimeoutMs
    $client.NoDelay = $true
    $client
}

function Read-TestBytes {
    # Reads exactly $Count bytes (or until the peer closes), bounded by the client's ReceiveTimeout.
    param([System.Net.Sockets.TcpClient] $Client, [int] $Count)
    $buffer = [byte[]]::new($Count)
    $got = 0
    while ($got -lt $Count) {
        # The socket, not GetStream(): that refuses a socket whose sending side was shut down.
        $n = $Client.Client.Receive($buffer, $got, $Count - $got, [System.Net.Sockets.SocketFlags]::None)
        if ($n -eq 0) { break }
        $got += $n
    }
    if ($got -lt $Count) { $buffer = $buffer[0..($got - 1)] }
    , [byte[]]$buffer
}

function Invoke-RawEcho {
    # Sends $Bytes on a fresh connection while reading, returns what came back.
    param([int] $Port, [byte[]] $Bytes, [string] $Address = '127.0.0.1')
    $client = Connect-TestClient -Port $Port -Address $Address
    try {
        $stream = $client.GetStream()
        # Send on another thread: a large echo must be read while it is being sent.
        $send = $stream.WriteAsync($Bytes, 0, $Bytes.Length)
        $reply = Read-TestBytes -Client $client -Count $Bytes.Length
        if (-not $send.Wait(10000)) { throw 'send did not complete' }
        , $reply
    }
    finally { $client.Dispose() }
}

function Test-SameBytes {
    param([byte[]] $Expected, [byte[]] $Actual)
    [System.Linq.Enumerable]::SequenceEqual($Expected, $Actual)
}

function Wait-Until {
    # Polls a condition until true or the timeout; returns the final value of the condition.
    param([scriptblock] $Condition, [int] $TimeoutMs = 5000, [int] $IntervalMs = 20)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while ($watch.ElapsedMilliseconds -lt $TimeoutMs) {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds $IntervalMs
    }
    [bool](& $Condition)
}

function Test-PortFree {
    # True when a plain listener can bind the port right now.
    param([int] $Port, [string] $Address = '127.0.0.1')
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($Address), $Port)
    try { $listener.Start(); $true } catch { $false } finally { $listener.Stop() }
}



function Invoke-RawUdpEcho {
    # One datagram to the server from a fresh socket; returns the reply bytes or $null after the timeout.
    param([int] $Port, [byte[]] $Bytes, [string] $Address = '127.0.0.1', [int] $TimeoutMs = 3000)
    $ip = [System.Net.IPAddress]::Parse($Address)
    $udp = [System.Net.Sockets.UdpClient]::new($ip.AddressFamily)
    try {
        $udp.Client.ReceiveTimeout = $TimeoutMs
        $udp.Connect($ip, $Port)
        $null = $udp.Send($Bytes, $Bytes.Length)
        $remote = [System.Net.IPEndPoint]::new($ip, 0)
        try { , $udp.Receive([ref]$remote) } catch [System.Net.Sockets.SocketException] { $null }
    }
    finally { $udp.Dispose() }
}

function Start-WaitingServerJob {
    # Start-EchoServer -Wait in a thread job; returns the job once the server object has arrived.
    param([string[]] $Protocol = @('Tcp'))
    $manifest = Get-EchoNetManifest
    $job = Start-ThreadJob -ScriptBlock {
        Import-Module $using:manifest
        Start-EchoServer -Port 0 -Protocol $using:Protocol -Wait
    }
    if (-not (Wait-Until { $job.Output.Count -ge 1 })) {
        $job | Remove-Job -Force
        throw 'Start-EchoServer -Wait wrote no server object within 5 s.'
    }
    $job
}

function Read-UntilClosed {
    # Reads until the server closes the connection (FIN or reset) and returns the bytes that came
    # before; a read that times out is a failure (throws), never counted as a close.
    param([System.Net.Sockets.TcpClient] $Client, [int] $MaxBytes = 1MB)
    $buffer = [byte[]]::new(65536)
    $got = [System.IO.MemoryStream]::new()
    while ($true) {
        try { $n = $Client.Client.Receive($buffer) }
        catch [System.Net.Sockets.SocketException] {
            if ($_.Exception.SocketErrorCode -eq 'TimedOut' -or $_.Exception.SocketErrorCode -eq 'WouldBlock') {
                throw "The server did not close the connection within $($Client.ReceiveTimeout) ms."
            }
            break  # reset: closed
        }
        if ($n -eq 0) { break }
        $got.Write($buffer, 0, $n)
        if ($got.Length -gt $MaxBytes) { throw "The server sent more than $MaxBytes bytes without closing." }
    }
    , $got.ToArray()
}

function New-TestCertificate {
    # A self-signed certificate for localhost with its private key, made in memory (nothing installed).
    # -NotAfter: when it expires (default: in a day). -WithSubjectAltName: also name localhost in a
    # subjectAltName, as name checks on some platforms want. Exported and re-read through PFX, so the
    # private key is usable by SslStream on every platform.
    param([DateTimeOffset] $NotAfter = [DateTimeOffset]::Now.AddDays(1), [switch] $WithSubjectAltName)
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
        'CN=localhost', $rsa, [System.Security.Cryptography.HashAlgorithmName]::SHA256,
        [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($WithSubjectAltName) {
        $names = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $names.AddDnsName('localhost')
        $request.CertificateExtensions.Add($names.Build())
    }
    $selfSigned = $request.CreateSelfSigned([DateTimeOffset]::Now.AddDays(-1), $NotAfter)
    [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($selfSigned.Export('Pfx', 'test-only'), 'test-only',
        [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable)
}

function Get-FreeTcpPort {
    # A port nothing listens on right now (the OS picks it; it may be taken again later, rarely).
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Get-PythonPath {
    # python3 for the tests that use a non-.NET peer; $null when the machine has none.
    $python = Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($python) { $python.Source }
}

function Receive-RecordedEvent {
    # Recorded events of a server, waiting (bounded) until at least $Count matching ones are there.
    param($Server, [EchoNet.EchoServerEventKind[]] $Kind, [int] $Count = 1, [int] $TimeoutMs = 5000)
    $got = [System.Collections.Generic.List[object]]::new()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while ($got.Count -lt $Count) {
        $left = $TimeoutMs - $watch.ElapsedMilliseconds
        if ($left -le 0) { throw "Only $($got.Count) of $Count $($Kind -join '/') events arrived within $TimeoutMs ms." }
        $events = @($Server | Receive-EchoServerEvent -Kind $Kind -Wait -Timeout $left)
        foreach ($e in $events) { $got.Add($e) }
    }
    , $got.ToArray()
}

function Start-LinePeer {
    # tests/peers/line_peer.py (python3): a greeting line-protocol server that is not EchoNet.
    # Returns an object with Port and Process; Stop-LinePeer ends it (closing its stdin).
    Start-PythonPeer -Script 'line_peer.py'
}

function Start-PythonPeer {
    # A peer from tests/peers/ run by python3 with these arguments; returns Port (the number it
    # prints on its first line) and Process. -NoWait returns at once, with no Port (for a peer that
    # listens late). Stop-LinePeer ends any of them (closing its stdin).
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @(), [switch] $NoWait)
    $python = Get-PythonPath
    if (-not $python) { throw "python3 is needed for tests/peers/$Script." }
    $info = [System.Diagnostics.ProcessStartInfo]::new($python, @('-u', (Join-Path $PSScriptRoot "peers/$Script")) + $Arguments)
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($info)
    if ($NoWait) { return [pscustomobject]@{ Port = $null; Process = $process } }
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(10000)) { $process.Kill(); throw "$Script printed no port within 10 s." }
    [pscustomobject]@{ Port = [int]$line.Result; Process = $process }
}

function Stop-LinePeer {
    param($Peer)
    if (-not $Peer) { return }
    $Peer.Process.StandardInput.Close()
    if (-not $Peer.Process.WaitForExit(5000)) { $Peer.Process.Kill() }
    $Peer.Process.Dispose()
}

function Invoke-ChildPwsh {
    <#
        Runs `dotnet pwsh -NoProfile -NonInteractive <Arguments>` in a new process in the repository
        (where the dotnet tool manifest pins pwsh), with extra environment variables for that process
        only (a value of $null removes one), bounded by a timeout: the process tree is killed and the
        call throws when it runs longer. Returns ExitCode and Output (stdout, then stderr).
    #>
    param(
        [Parameter(Mandatory)] [string[]] $Arguments,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Split-Path (Get-EchoNetManifest)),
        [int] $TimeoutSeconds = 300
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @('pwsh', '-NoProfile', '-NonInteractive') + $Arguments) { $info.ArgumentList.Add($a) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true   # closed at once: a child that reads input gets end-of-file
    $info.Environment['NO_COLOR'] = '1'
    foreach ($k in $Environment.Keys) {
        if ($null -eq $Environment[$k]) { $null = $info.Environment.Remove($k) }
        else { $info.Environment[$k] = [string]$Environment[$k] }
    }
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "dotnet pwsh $($Arguments -join ' ') did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()   # lets the output readers finish
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = ($stdout.Result + $stderr.Result).TrimEnd()
        }
    }
    finally { $process.Dispose() }
}

Export-ModuleMember -Function *

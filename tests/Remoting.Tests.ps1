# EchoNet through real PowerShell remoting, as an administrator checking a fleet uses it: a private
# OpenSSH server on loopback (tests/LoopbackSshd.psm1: installed with apt-get when missing and the run
# opts in with ECHONET_TEST_INSTALL_PACKAGES=1, as .ci/run does; its own
# config, keys and known_hosts in the temp folder) whose `powershell` subsystem is this pwsh, and
# sessions to it standing in for other hosts. Where sshd cannot be installed or started, every test
# that needs it is skipped with the reason. The job tests at the end need no sshd.
# Not tagged Engine: sshd gives the remote pwsh a clean environment, so ECHONET_SOCKET_ENGINE would
# not reach it, and the socket engines are covered by their own files.

BeforeDiscovery {
    # Every public output type, named after "EchoNet.": what the cmdlets declare, and the query
    # parameters inside a URL. BeforeAll below says how to make each on the remote side.
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-EchoNetManifest) -Force
    $outputTypes = @(Get-Command -Module EchoNet | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object FullName -Like 'EchoNet.*' | ForEach-Object { $_.FullName -replace '^EchoNet\.' }) +
        'UrlQueryParameter' | Sort-Object -Unique
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'LoopbackSshd.psm1') -Force
    # The local console imports EchoNet too: that is where its views and types apply to what comes back.
    Import-EchoNet
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $script:ManifestPath = Get-EchoNetManifest

    $script:Sshd = $null
    $script:NoSshd = Install-LoopbackSshd
    if (-not $NoSshd) {
        try { $script:Sshd = Start-LoopbackSshd }
        catch { $script:NoSshd = "sshd could not be started: $_" }
    }
    # Said once in the run's log too, since the normal output lists no reasons for skipped tests.
    if ($NoSshd) { Write-Host "Remoting.Tests.ps1: the tests that need sshd are skipped: $NoSshd" }
    $script:OpenSessions = [System.Collections.Generic.List[object]]::new()

    function Skip-WithoutSshd {
        # Set-ItResult ends the test here, with the reason in the report.
        if ($NoSshd) { Set-ItResult -Skipped -Because $NoSshd }
    }

    function Open-TestSession {
        # Sessions to the loopback sshd, one per host name; closed by AfterAll if a test does not
        # close them itself.
        param([string[]] $HostName = 'localhost', [string[]] $Name, [switch] $NoImport)
        $sessions = @(New-LoopbackPSSession -Sshd $Sshd -HostName $HostName -Name $Name)
        foreach ($session in $sessions) { $OpenSessions.Add($session) }
        if (-not $NoImport) { $null = Invoke-Remote $sessions { param($m) Import-Module $m -ErrorAction Stop } -ArgumentList $ManifestPath }
        $sessions
    }

    function Invoke-Remote {
        # Invoke-Command bounded in time: run as a job, wait at most $TimeoutSeconds, and turn the
        # first remote error into a failure of the test.
        param([Parameter(Mandatory, Position = 0)] [object[]] $Session, [Parameter(Mandatory, Position = 1)] [scriptblock] $ScriptBlock,
            [object[]] $ArgumentList = @(), [int] $TimeoutSeconds = 60, [int] $ThrottleLimit = 32, [switch] $HideComputerName)
        $job = Invoke-Command -Session $Session -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList -AsJob -ThrottleLimit $ThrottleLimit -HideComputerName:$HideComputerName
        try {
            if (-not (Wait-Job $job -Timeout $TimeoutSeconds)) { throw "The remote command did not finish within $TimeoutSeconds s: $ScriptBlock" }
            Receive-Job $job -ErrorAction Stop
        }
        finally { Remove-Job $job -Force }
    }

    function Get-TableHeader {
        # The column names of the first table in a rendering.
        param([string] $Text)
        $lines = @($Text -split "\r?\n")
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^[\s-]+$' -and $lines[$i] -match '-') { return @($lines[$i - 1].Trim() -split '\s+') }
        }
        throw "No table header in:`n$Text"
    }

    # How to make each public output type on the remote side (or in a job). RenderThere runs one of
    # these there and also returns how the objects rendered there, while they were still live.
    $script:MakeOnRemote = @{
        TcpMessageResult  = { param($port) Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -Message 'remote round trip' }
        UdpDatagramResult = { param($port) Send-UdpDatagram -ComputerName 127.0.0.1 -Port $port -Message 'remote ping' -WaitForReply }
        TcpSession        = {
            # A session that has talked once, so its counters are set; closed with the remote session.
            param($port)
            $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $port
            $null = Send-TcpMessage -Session $session -Message 'remote session'
            $session
        }
        EchoServer        = {
            # Once the connections of earlier sends are closed, so that no counter moves between
            # the rendering there and the copy sent here.
            param($port)
            $server = Get-EchoServer | Where-Object Port -EQ $port
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            while ($server.ActiveConnections -gt 0 -and $watch.ElapsedMilliseconds -lt 10000) { Start-Sleep -Milliseconds 20 }
            $server
        }
        EchoServerEvent   = { param($port) [EchoNet.EchoServerEvent]::new(1, 'Connected', 'Tcp', [System.Net.IPEndPoint]::new([ipaddress]::Loopback, $port), 0, 'from 127.0.0.1') }
        WhatwgUrl         = { param($port) ConvertFrom-Url "http://user@bücher.example:$port/a/../b?x=1&x=2#top" }
        UrlQueryParameter = { param($port) (ConvertFrom-Url "http://h/?x=1&y=two+words&x=3").QueryParameters }
        UrlPattern        = { param($port) New-UrlPattern "http://127.0.0.1:$port/items/:id(\d+)" -IgnoreCase }
        UrlPatternMatch   = { param($port) "http://127.0.0.1:$port/items/7?x=1", "http://127.0.0.1:$port/shop/cart" | Select-Url "http://127.0.0.1:$port/:section/:item" }
        TcpConnectResult  = { param($port) Test-TcpPort -ComputerName 127.0.0.1 -Port $port -Count 2 -Interval 0 }
        RoundTripSummary  = { param($port) Test-TcpPort -ComputerName 127.0.0.1 -Port $port -Count 5 -Interval 0 -Summary }
        TcpPortWaitResult = { param($port) Wait-TcpPort -ComputerName 127.0.0.1 -Port $port -Timeout 5000 }
        ThroughputResult  = { param($port) Measure-Throughput -ComputerName 127.0.0.1 -Port $port -Size 100000 -Connections 2 }
    }
    $script:RenderThere = {
        # The objects themselves (top level, so remoting tags them with PSComputerName), then how
        # they rendered there as live objects.
        param($type, $make, $port)
        $objects = @(& ([scriptblock]::Create($make)) $port)
        $objects
        [pscustomobject]@{
            PSTypeName = 'EchoNetTest.Rendering'
            Type       = $type
            Table      = $objects | Format-Table | Out-String -Width 250
            List       = $objects | Format-List | Out-String -Width 250
        }
    }

    function Split-Rendering {
        # What RenderThere wrote, back here: for each type, its objects and their renderings there.
        param([object[]] $Output)
        $byType = @{}
        $objects = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Output) {
            if ($item.PSObject.TypeNames -contains 'Deserialized.EchoNetTest.Rendering') {
                $byType[$item.Type] = [pscustomobject]@{ Objects = $objects.ToArray(); Table = $item.Table; List = $item.List }
                $objects.Clear()
            }
            else { $objects.Add($item) }
        }
        $byType
    }
}

AfterAll {
    foreach ($session in $OpenSessions) { Remove-PSSession $session -ErrorAction SilentlyContinue }
    Stop-LoopbackSshd $Sshd
    Stop-EchoServer -All
}

Describe 'EchoNet in a remote session over SSH' {
    BeforeAll {
        if (-not $NoSshd) {
            $script:Remote = Open-TestSession -NoImport
            $script:RemoteInfo = Invoke-Remote $Remote {
                param($manifest)
                Import-Module $manifest -ErrorAction Stop
                [pscustomobject]@{
                    ProcessId  = $PID
                    ModuleBase = (Get-Module EchoNet).ModuleBase
                    Commands   = @(Get-Command -Module EchoNet | ForEach-Object Name)
                }
            } -ArgumentList $ManifestPath
        }
    }

    It 'talks to an sshd that listens on loopback only' {
        Skip-WithoutSshd
        $listeners = @([System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().GetActiveTcpListeners() |
                Where-Object Port -EQ $Sshd.Port)
        $listeners.Count | Should -BeGreaterThan 0
        $listeners | ForEach-Object { [ipaddress]::IsLoopback($_.Address) | Should -BeTrue -Because "sshd listens on $_" }
    }

    It 'imports the built module in a pwsh of its own, started by sshd' {
        Skip-WithoutSshd
        $RemoteInfo.ProcessId | Should -Not -Be $PID
        $RemoteInfo.ModuleBase | Should -Be $Root
        $RemoteInfo.Commands | Should -Contain 'Start-EchoServer'
        $RemoteInfo.Commands | Should -Contain 'Send-TcpMessage'
        # The remote pwsh is the subsystem sshd started, not a child of this process.
        $process = Get-Process -Id $RemoteInfo.ProcessId
        $process.CommandLine | Should -Match '\s-sshs\b'
        $process.Parent.Id | Should -Not -Be $PID
    }

    It 'starts a server there that the local side reaches with EchoNet and with a raw socket' {
        Skip-WithoutSshd
        $script:RemoteServer = Invoke-Remote $Remote { Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp }
        $RemoteServer.PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.EchoServer'
        $RemoteServer.State | Should -Be 'Running'
        $port = $RemoteServer.Port

        (Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -Message 'from the local side').Reply | Should -Be 'from the local side'
        (Send-UdpDatagram -ComputerName 127.0.0.1 -Port $port -Message 'local datagram' -WaitForReply).Reply | Should -Be 'local datagram'
        $payload = New-TestBytes -Length 70000
        Test-SameBytes $payload (Invoke-RawEcho -Port $port -Bytes $payload) | Should -BeTrue

        # The server's own counters, read through the session: 19 + 70,000 TCP bytes, one datagram.
        $expected = 19 + 70000 + 14
        $counted = Wait-Until -TimeoutMs 15000 -IntervalMs 200 {
            $now = Invoke-Remote $Remote { param($id) Get-EchoServer -Id $id } -ArgumentList $RemoteServer.Id
            $now.BytesEchoed -ge $expected -and $now.DatagramsEchoed -ge 1
        }
        $counted | Should -BeTrue -Because 'the remote server counts what the local side sent'
        $now = Invoke-Remote $Remote { param($id) Get-EchoServer -Id $id } -ArgumentList $RemoteServer.Id
        $now.ConnectionsAccepted | Should -Be 2
        $now.BytesEchoed | Should -Be $expected
    }

    It 'sends from the remote side: to the server there and to a server here' {
        Skip-WithoutSshd
        $here = Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp
        try {
            $results = Invoke-Remote $Remote {
                param($there, $here)
                Send-TcpMessage -ComputerName 127.0.0.1 -Port $there -Message 'remote to remote'
                Send-UdpDatagram -ComputerName 127.0.0.1 -Port $there -Message 'remote datagram' -WaitForReply
                'line 1', 'line 2' | Send-TcpMessage -ComputerName 127.0.0.1 -Port $here
            } -ArgumentList $RemoteServer.Port, $here.Port
            $results.Count | Should -Be 4
            $results[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.TcpMessageResult'
            $results[0].Reply | Should -Be 'remote to remote'
            $results[1].PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.UdpDatagramResult'
            $results[1].Reply | Should -Be 'remote datagram'
            $results[2..3].Reply | Should -Be @('line 1', 'line 2')
            $results[2..3].Port | Should -Be @($here.Port, $here.Port)
            $results.PSComputerName | Select-Object -Unique | Should -Be 'localhost'
            # The server in this process saw the remote side's one connection and 12 bytes.
            Wait-Until { $here.BytesEchoed -ge 12 } | Should -BeTrue
            $here.ConnectionsAccepted | Should -Be 1
        }
        finally { $here | Stop-EchoServer }
    }

    It 'runs ConvertFrom-Url there' {
        Skip-WithoutSshd
        $url = Invoke-Remote $Remote { ConvertFrom-Url 'HTTP://user@BÜCHER.example:8080/a/../b?x=1&y=two+words#top' }
        $url.PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.WhatwgUrl'
        $url.Href | Should -Be 'http://user@xn--bcher-kva.example:8080/b?x=1&y=two+words#top'
        $url.DisplayHostname | Should -Be 'bücher.example'
        $url.EffectivePort | Should -Be 8080
        $url.HostType | Should -Be 'Domain'
        $url.PathSegments | Should -Be @('b')
        $url.QueryParameters.Name | Should -Be @('x', 'y')
        $url.QueryParameters.Value | Should -Be @('1', 'two words')
    }

    It 'brings results back with usable values: bytes, endpoints, times, status' {
        Skip-WithoutSshd
        $port = $RemoteServer.Port
        $tcp, $udp, $server = Invoke-Remote $Remote {
            param($port)
            Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -Bytes ([byte[]](0..255))
            Send-UdpDatagram -ComputerName 127.0.0.1 -Port $port -Message 'status' -WaitForReply
            Get-EchoServer | Where-Object Port -EQ $port
        } -ArgumentList $port

        $tcp.ReplyBytes.GetType() | Should -Be ([byte[]])
        Test-SameBytes ([byte[]](0..255)) $tcp.ReplyBytes | Should -BeTrue
        $tcp.BytesReceived | Should -Be 256
        $tcp.RemoteEndPoint.Port | Should -Be $port
        $tcp.RemoteEndPoint.Address | Should -BeOfType [ipaddress]
        "$($tcp.RemoteEndPoint)" | Should -Be "127.0.0.1:$port"
        $tcp.LocalEndPoint.Port | Should -BeGreaterThan 0
        $tcp.RoundTrip | Should -BeOfType [timespan]
        $tcp.ConnectTime | Should -BeOfType [timespan]
        $tcp.RoundTripMs | Should -BeOfType [double]
        $tcp.RoundTripMs | Should -Be $tcp.RoundTrip.TotalMilliseconds
        # Enums travel as their names, so they compare, group and export as they read.
        $tcp.ReplyEnd | Should -BeOfType [string]
        $tcp.ReplyEnd | Should -Be 'Echo'

        $udp.Status | Should -Be 'Replied'
        @($udp | Where-Object Status -EQ 'Replied').Count | Should -Be 1
        $udp.RoundTrip | Should -BeOfType [timespan]
        "$($udp.RemoteEndPoint)" | Should -Be "127.0.0.1:$port"

        $server.State | Should -Be 'Running'
        $server.Protocol | Should -Be 'Tcp, Udp'
        $server.LocalEndPoints[0].Port | Should -Be $port
        $server.StartTime | Should -BeOfType [datetime]
        $server.IdleTimeout | Should -BeOfType [timespan]
        $server.BytesEchoed | Should -BeOfType [long]
    }

    It 'holds a scripted TCP conversation there: Connect-TcpSession, Send-TcpMessage -Session, Receive-TcpMessage' {
        Skip-WithoutSshd
        # Two lines in one message: the reply is cut at the first terminator, the second line
        # stays in the session and Receive-TcpMessage returns it. The session comes back too.
        $reply, $rest, $session = Invoke-Remote $Remote {
            param($port)
            $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $port
            "one`ntwo`n" | Send-TcpMessage -Session $session -Terminator "`n"
            Receive-TcpMessage -Session $session -Terminator "`n"
            Get-TcpSession -Id $session.Id
        } -ArgumentList $RemoteServer.Port
        $reply.Reply | Should -Be "one`n"
        $rest.Reply | Should -Be "two`n"
        $rest.BytesSent | Should -Be 0
        $session.PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.TcpSession'
        $session.State | Should -Be 'Open'
        $session.BytesSent | Should -Be 8
        $session.BytesReceived | Should -Be 8
        $session.BufferedBytes | Should -Be 0
        $session.RemoteEndPoint.Port | Should -Be $RemoteServer.Port
        $session.LocalEndPoint.Port | Should -BeGreaterThan 0

        $left = Invoke-Remote $Remote { param($id) Disconnect-TcpSession -Id $id; @(Get-TcpSession).Count } -ArgumentList $session.Id
        $left | Should -Be 0
    }

    It 'records there what the local side sent: Start-EchoServer -Record, Receive-EchoServerEvent' {
        Skip-WithoutSshd
        $recorder = Invoke-Remote $Remote { Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp -Record }
        try {
            $null = Send-TcpMessage -ComputerName 127.0.0.1 -Port $recorder.Port -Message 'HELLO from here'
            $null = Send-UdpDatagram -ComputerName 127.0.0.1 -Port $recorder.Port -Message 'a datagram from here' -WaitForReply
            $events = [System.Collections.Generic.List[object]]::new()
            $both = Wait-Until -TimeoutMs 15000 -IntervalMs 200 {
                $more = Invoke-Remote $Remote { param($id) Receive-EchoServerEvent -Id $id -Kind Received, Datagram } -ArgumentList $recorder.Id
                foreach ($e in $more) { $events.Add($e) }
                @($events.Kind | Select-Object -Unique).Count -ge 2
            }
            $both | Should -BeTrue -Because 'the TCP chunk and the datagram are both recorded'
            $received = @($events | Where-Object Kind -EQ 'Received')
            $datagram = @($events | Where-Object Kind -EQ 'Datagram')
            $received[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.EchoNet.EchoServerEvent'
            -join ($received.Text) | Should -Be 'HELLO from here'
            $received[0].Data.GetType() | Should -Be ([byte[]])
            $received[0].ConnectionId | Should -BeGreaterThan 0
            $received[0].RemoteEndPoint.Address | Should -Be ([ipaddress]::Loopback)
            $received[0].RemoteEndPoint.Port | Should -BeGreaterThan 0
            $datagram[0].Text | Should -Be 'a datagram from here'
            Test-SameBytes ([Text.Encoding]::UTF8.GetBytes('a datagram from here')) $datagram[0].Data | Should -BeTrue
            # The default view shows what arrived, as it does for a local server.
            ($events | Out-String -Width 200) | Should -Match 'HELLO from here'
        }
        finally { $null = Invoke-Remote $Remote { param($id) Stop-EchoServer -Id $id } -ArgumentList $recorder.Id }
    }

    It 'stops the server there: its port is closed here' {
        Skip-WithoutSshd
        $stopped = Invoke-Remote $Remote { param($id) Stop-EchoServer -Id $id -PassThru } -ArgumentList $RemoteServer.Id
        $stopped.State | Should -Be 'Stopped'
        @(Invoke-Remote $Remote { Get-EchoServer }).Count | Should -Be 0
        { Connect-TestClient -Port $RemoteServer.Port -TimeoutMs 2000 } | Should -Throw
    }

    It 'closes the session, and the remote pwsh ends' {
        Skip-WithoutSshd
        Remove-PSSession $Remote
        $Remote.State | Should -Be 'Closed'
        Wait-Until -TimeoutMs 15000 { -not (Get-Process -Id $RemoteInfo.ProcessId -ErrorAction SilentlyContinue) } | Should -BeTrue
    }
}

Describe 'Remote results print as local ones' {
    BeforeAll {
        if (-not $NoSshd) {
            $script:ViewSession = Open-TestSession
            $script:ViewServer = Invoke-Remote $ViewSession { Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp }
        }
    }

    It 'covers every type the cmdlets declare as output, and the enums of their properties' {
        # EchoNet's own types; a bool (Test-Url) or a string travels as itself.
        $declared = Get-Command -Module EchoNet | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object Namespace -Like 'EchoNet*' | Sort-Object FullName -Unique
        foreach ($type in $declared) {
            $MakeOnRemote.Keys | Should -Contain ($type.FullName -replace '^EchoNet\.') -Because "$type needs a way to be made remotely in this file"
            foreach ($property in $type.GetProperties()) {
                $propertyType = [Nullable]::GetUnderlyingType($property.PropertyType) ?? $property.PropertyType
                if ([System.Net.EndPoint].IsAssignableFrom($propertyType) -or [System.Net.EndPoint[]].IsAssignableFrom($propertyType)) {
                    (Get-TypeData $type.FullName).SerializationDepth | Should -BeGreaterOrEqual 2 -Because "$type.$($property.Name) must arrive as an endpoint with Address and Port (module/EchoNet.Types.ps1xml)"
                }
                if ($propertyType.IsEnum -and $propertyType.Namespace -like 'EchoNet*') {
                    (Get-TypeData $propertyType.FullName).SerializationMethod | Should -Be 'String' -Because "$type.$($property.Name) must travel as its name (module/EchoNet.Types.ps1xml)"
                }
            }
        }
    }

    It 'selects the deserialized copy of every EchoNet type in every view' {
        $format = [xml](Get-Content (Join-Path $Root 'module/EchoNet.Format.ps1xml') -Raw)
        foreach ($view in $format.Configuration.ViewDefinitions.View) {
            $names = @($view.ViewSelectedBy.TypeName)
            foreach ($name in $names | Where-Object { $_ -like 'EchoNet.*' }) {
                $names | Should -Contain "Deserialized.$name" -Because "view $($view.Name) should print remote and job results too"
            }
        }
    }

    It 'has table and list views for the deserialized <_>' -ForEach $outputTypes {
        $type = $_
        $controls = (Get-FormatData -TypeName "Deserialized.EchoNet.$type").FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It '<_> from Invoke-Command renders as the live object did there (table and list)' -ForEach $outputTypes {
        Skip-WithoutSshd
        $type = $_
        $there = (Split-Rendering (Invoke-Command -Session $ViewSession -HideComputerName -ScriptBlock $RenderThere -ArgumentList $type, "$($MakeOnRemote[$type])", $ViewServer.Port)).$type
        $there.Objects.Count | Should -BeGreaterThan 0
        $there.Objects | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be "Deserialized.EchoNet.$type" }
        ($there.Objects | Format-Table | Out-String -Width 250) | Should -Be $there.Table
        ($there.Objects | Format-List | Out-String -Width 250) | Should -Be $there.List
    }

    It '<_> from Invoke-Command -AsJob and Receive-Job renders the same' -ForEach $outputTypes {
        Skip-WithoutSshd
        $type = $_
        $there = (Split-Rendering (Invoke-Remote $ViewSession -HideComputerName $RenderThere -ArgumentList $type, "$($MakeOnRemote[$type])", $ViewServer.Port)).$type
        ($there.Objects | Format-Table | Out-String -Width 250) | Should -Be $there.Table
        ($there.Objects | Format-List | Out-String -Width 250) | Should -Be $there.List
    }

    It '<_> shows the same table with PSComputerName added when the computer name is not hidden' -ForEach $outputTypes {
        Skip-WithoutSshd
        $type = $_
        $there = (Split-Rendering (Invoke-Remote $ViewSession $RenderThere -ArgumentList $type, "$($MakeOnRemote[$type])", $ViewServer.Port)).$type
        # A round-trip summary's default view is a list that ends in its histogram: its table is asked for.
        $here = if ($type -eq 'RoundTripSummary') { $there.Objects | Format-Table | Out-String -Width 250 } else { $there.Objects | Out-String -Width 250 }
        Get-TableHeader $here | Should -Be (@(Get-TableHeader $there.Table) + 'PSComputerName')
        $here | Should -Match '\slocalhost\s'
    }
}

Describe 'Fan-out: one command on several hosts at once' {
    BeforeAll {
        if (-not $NoSshd) {
            # Four sessions as four hosts: every loopback name sshd answers on, then localhost again.
            $names = @(for ($i = 0; $i -lt 4; $i++) { $Sshd.HostNames[$i % $Sshd.HostNames.Count] })
            $script:Fleet = Open-TestSession -HostName $names -Name host1, host2, host3, host4
        }
    }

    It 'runs Send-TcpMessage on every session, results tagged by PSComputerName' {
        Skip-WithoutSshd
        $target = Start-EchoServer -Port 0 -Address 127.0.0.1
        try {
            # The README's pattern as it stands (bounded by Send-TcpMessage's own -Timeout).
            $results = Invoke-Command -Session $Fleet -ThrottleLimit 2 {
                param($port)
                Send-TcpMessage -ComputerName 127.0.0.1 -Port $port -Message "hello from $PID" -Timeout 10000
            } -ArgumentList $target.Port
            $results.Count | Should -Be 4
            ($results.PSComputerName | Sort-Object) | Should -Be ($Fleet.ComputerName | Sort-Object)
            # Each result comes from its own session (and so its own remote pwsh).
            $from = foreach ($r in $results) { ($Fleet | Where-Object { $_.Runspace.InstanceId -eq $r.RunspaceId }).Name }
            ($from | Sort-Object) | Should -Be @('host1', 'host2', 'host3', 'host4')
            ($results.Reply | Select-Object -Unique).Count | Should -Be 4
            $results | ForEach-Object { $_.Reply | Should -Match '^hello from \d+$' }
            Wait-Until { $target.ConnectionsAccepted -ge 4 } | Should -BeTrue
            $target.ConnectionsAccepted | Should -Be 4
            # The README's summary: one row per host.
            $rows = $results | Sort-Object PSComputerName | Select-Object PSComputerName, Port, Connected, RoundTripMs
            $rows.Connected | Should -Be @($true, $true, $true, $true)
        }
        finally { $target | Stop-EchoServer }
    }

    It 'never runs on more sessions at once than -ThrottleLimit' {
        Skip-WithoutSshd
        # Each host notes when its command ran; with a limit of 2 no three of those spans overlap.
        $spans = Invoke-Remote $Fleet -ThrottleLimit 2 {
            $start = [DateTime]::UtcNow
            Start-Sleep -Milliseconds 300
            [pscustomobject]@{ Start = $start; End = [DateTime]::UtcNow }
        }
        $spans.Count | Should -Be 4
        $most = ($spans | ForEach-Object {
                $at = $_.Start
                @($spans | Where-Object { $_.Start -le $at -and $_.End -gt $at }).Count
            } | Measure-Object -Maximum).Maximum
        $most | Should -BeLessOrEqual 2
    }
}

Describe 'The module on the remote side: Copy-Item -ToSession' {
    BeforeAll {
        if (-not $NoSshd) {
            # The installable folder that build.ps1 Package makes, from what the Test task just built.
            $out = Join-Path $TestDrive 'out'
            $script:PackageOutput = (Invoke-ChildPwsh -Arguments '-File', (Join-Path $Root 'build.ps1'), 'Package', '-NoBuild', '-OutputPath', $out -TimeoutSeconds 180).Output
            $script:PackageFolder = Join-Path $out 'EchoNet'
            # A fresh session whose pwsh has never loaded EchoNet.
            $script:CopySession = Open-TestSession -HostName '127.0.0.1' -NoImport
            $script:RemoteModules = Invoke-Remote $CopySession { (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "echonet-modules-$([guid]::NewGuid().ToString('N'))")).FullName }
        }
    }

    AfterAll {
        if ($RemoteModules) { Invoke-Remote $CopySession { param($dir) Remove-Item $dir -Recurse -Force } -ArgumentList $RemoteModules }
    }

    It 'copies the package folder through the session and imports it by name there' {
        Skip-WithoutSshd
        Join-Path $PackageFolder '*/EchoNet.psd1' | Should -Exist -Because $PackageOutput
        Copy-Item -Path $PackageFolder -Destination $RemoteModules -ToSession $CopySession -Recurse

        $used = Invoke-Remote $CopySession {
            param($modules)
            $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
            Import-Module EchoNet -ErrorAction Stop
            $server = Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp
            [pscustomobject]@{
                ModuleBase = (Get-Module EchoNet).ModuleBase
                Tcp        = (Send-TcpMessage -ComputerName 127.0.0.1 -Port $server.Port -Message 'copied').Reply
                Udp        = (Send-UdpDatagram -ComputerName 127.0.0.1 -Port $server.Port -Message 'copied' -WaitForReply).Reply
                Url        = (ConvertFrom-Url 'http://h/a/../b').Href
                Stopped    = (Stop-EchoServer -Id $server.Id -PassThru).State.ToString()
                Synopsis   = (Get-Help Send-TcpMessage).Synopsis
            }
        } -ArgumentList $RemoteModules
        $used.ModuleBase | Should -BeLike "$RemoteModules/EchoNet/*"
        $used.Tcp | Should -Be 'copied'
        $used.Udp | Should -Be 'copied'
        $used.Url | Should -Be 'http://h/b'
        $used.Stopped | Should -Be 'Stopped'
        $used.Synopsis | Should -Not -BeNullOrEmpty
    }
}

Describe 'Results from background jobs (no sshd needed)' {
    BeforeAll {
        # One Start-Job (a child pwsh, the same serializer as remoting) makes every type at once.
        $makeText = @{}
        foreach ($type in $MakeOnRemote.Keys) { $makeText[$type] = "$($MakeOnRemote[$type])" }
        $job = Start-Job -ScriptBlock {
            param($manifest, $make, $render)
            Import-Module $manifest -ErrorAction Stop
            $server = Start-EchoServer -Port 0 -Address 127.0.0.1 -Protocol Tcp, Udp
            foreach ($type in $make.Keys) { & ([scriptblock]::Create($render)) $type $make[$type] $server.Port }
        } -ArgumentList $ManifestPath, $makeText, "$RenderThere"
        try {
            if (-not (Wait-Job $job -Timeout 90)) { throw 'The job did not finish within 90 s.' }
            $script:FromJob = Split-Rendering (Receive-Job $job -ErrorAction Stop)
        }
        finally { Remove-Job $job -Force }
    }

    It 'Receive-Job renders <_> as the live object did in the job (table and list)' -ForEach $outputTypes {
        $type = $_
        $there = $FromJob.$type
        $there.Objects | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be "Deserialized.EchoNet.$type" }
        ($there.Objects | Format-Table | Out-String -Width 250) | Should -Be $there.Table
        ($there.Objects | Format-List | Out-String -Width 250) | Should -Be $there.List
    }

    It 'keeps endpoints as objects and enums comparable by name' {
        $tcp = $FromJob.TcpMessageResult.Objects[0]
        $tcp.RemoteEndPoint.Port | Should -Be $tcp.Port
        $tcp.ReplyEnd | Should -Be 'Echo'
        @($FromJob.UdpDatagramResult.Objects | Where-Object Status -EQ 'Replied').Count | Should -Be 1
        @($FromJob.EchoServer.Objects | Where-Object State -EQ 'Running').Count | Should -Be 1
        $FromJob.EchoServerEvent.Objects[0].Kind | Should -Be 'Connected'
        $FromJob.WhatwgUrl.Objects[0].HostType | Should -Be 'Domain'
        $FromJob.WhatwgUrl.Objects[0].QueryParameters[1].Value | Should -Be '2'
    }
}

Describe 'The sshd helper changes no system packages unless the run opts in (no sshd needed)' {
    It 'skips with the reason, and never runs apt-get, when sshd is missing and ECHONET_TEST_INSTALL_PACKAGES is not 1' {
        # A stand-in apt-get first on PATH records any call; sshd is made to look missing.
        $bin = Join-Path ([System.IO.Path]::GetTempPath()) "echonet-aptget-$PID"
        $null = New-Item -ItemType Directory -Force $bin
        $calls = Join-Path $bin 'calls'
        Set-Content -Path (Join-Path $bin 'apt-get') -Value "#!/bin/sh`necho `"`$@`" >> '$calls'`nexit 1"
        & chmod +x (Join-Path $bin 'apt-get')
        $savedPath, $savedOptIn = $env:PATH, $env:ECHONET_TEST_INSTALL_PACKAGES
        $module = Get-Module LoopbackSshd
        $savedSshd = & $module { $script:SshdPath }
        try {
            $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$env:PATH"
            Remove-Item Env:ECHONET_TEST_INSTALL_PACKAGES -ErrorAction SilentlyContinue
            & $module { $script:SshdPath = '/nonexistent/sshd' }
            $reason = Install-LoopbackSshd
            $reason | Should -BeLike '*ECHONET_TEST_INSTALL_PACKAGES=1*'
            $calls | Should -Not -Exist
        }
        finally {
            & $module { param($p) $script:SshdPath = $p } $savedSshd
            $env:PATH = $savedPath
            if ($null -ne $savedOptIn) { $env:ECHONET_TEST_INSTALL_PACKAGES = $savedOptIn }
            Remove-Item -Recurse -Force $bin
        }
    }
}

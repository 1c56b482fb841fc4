# What PowerShell users' habits expect: many targets, connect tests, completion, runspaces, remoting.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $manifest = Get-EchoNetManifest
    $servers = 1..3 | ForEach-Object { Start-EchoServer -Protocol Tcp, Udp }
    $closedPort = Get-ClosedPort
}

AfterAll { Stop-EchoServer -All }

Describe 'Several targets' -Tag 'Engine' {
    It 'Send-TcpMessage sends every message to every host x port pair' {
        $results = 'm1', 'm2' | Send-TcpMessage -ComputerName 127.0.0.1, localhost -Port $servers.Port -ThrottleLimit 4
        $results.Count | Should -Be 12
        foreach ($port in $servers.Port) {
            foreach ($name in '127.0.0.1', 'localhost') {
                $mine = @($results | Where-Object { $_.Port -eq $port -and $_.ComputerName -eq $name })
                $mine.Reply | Should -Be @('m1', 'm2') -Because 'each target gets the messages in order'
            }
        }
    }

    It 'Send-UdpDatagram fans out over ports too' {
        $results = Send-UdpDatagram -ComputerName 127.0.0.1 -Port $servers.Port -Message 'u' -WaitForReply
        $results.Count | Should -Be 3
        @($results | Where-Object Replied).Count | Should -Be 3
        ($results.RemoteEndPoint.Port | Sort-Object) | Should -Be ($servers.Port | Sort-Object)
    }

    It 'gives every target a result, failed ones with their status, and an error naming host and port' {
        $results = Send-TcpMessage -ComputerName 127.0.0.1 -Port $servers[0].Port, $closedPort -Message 'x' -ErrorVariable errs -ErrorAction SilentlyContinue
        $results.Count | Should -Be 2
        $failed = $results | Where-Object Port -EQ $closedPort
        $failed.Connected | Should -BeFalse
        $failed.Status | Should -Be 'ConnectionRefused'
        $failed.Error | Should -BeLike "*127.0.0.1:$closedPort*"
        ($results | Where-Object Port -EQ $servers[0].Port).Status | Should -Be 'Success'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConnectionRefused,EchoNet.Commands.SendTcpMessageCommand'
        $errs[0].TargetObject | Should -Be "127.0.0.1:$closedPort"
    }
}

Describe 'Pipeline binding' -Tag 'Engine' {
    It 'takes -Port from piped server objects, one session per server' {
        $results = $servers | Send-TcpMessage -Message 'to each'
        $results.Count | Should -Be 3
        $results.Port | Should -Be $servers.Port
        $results.Reply | Should -Be @('to each', 'to each', 'to each')
        $udp = $servers | Send-UdpDatagram -Message 'to each' -WaitForReply
        $udp.RemoteEndPoint.Port | Should -Be $servers.Port
    }
}

Describe 'Connect test' -Tag 'Engine' {
    It 'with -NoReply and no message, reports Connected and the connect time as objects' {
        $results = Send-TcpMessage -ComputerName 127.0.0.1 -Port $servers[0].Port, $closedPort -NoReply -Timeout 1000 -ErrorVariable errs
        $errs.Count | Should -Be 0
        $open = $results | Where-Object Port -EQ $servers[0].Port
        $shut = $results | Where-Object Port -EQ $closedPort
        $open.Connected | Should -BeTrue
        $open.ConnectTimeMs | Should -BeGreaterThan 0
        $shut.Connected | Should -BeFalse
        $shut.Error | Should -BeLike '*refused*'
    }
}

Describe 'Tab completion' {
    It 'completes -Id of <Command> with running servers' -ForEach @(@{ Command = 'Stop-EchoServer' }, @{ Command = 'Get-EchoServer' }) {
        $line = "$Command -Id "
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain ([string]$servers[0].Id)
        ($completions.CompletionMatches | Where-Object CompletionText -EQ ([string]$servers[0].Id)).ToolTip | Should -BeLike '*EchoServer*'
    }

    It 'completes -Encoding names for <Command>' -ForEach @(@{ Command = 'Send-TcpMessage' }, @{ Command = 'Send-UdpDatagram' }, @{ Command = 'Start-EchoServer' }) {
        $line = "$Command -Encoding utf"
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain 'utf8'
        $completions.CompletionMatches.CompletionText | Should -Contain 'utf32'
        $completions.CompletionMatches.CompletionText | Should -Not -Contain 'ascii'
    }

    It 'completes -Protocol values' {
        $line = 'Start-EchoServer -Protocol '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Tcp', 'Udp')
    }
}

Describe 'Runspaces and remoting' -Tag 'Engine' {
    It 'works in ForEach-Object -Parallel, with one server registry across runspaces' {
        $port = $servers[0].Port
        $ids = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $mine = Start-EchoServer
            $reply = (Send-TcpMessage -Port $using:port -Message "from $_").Reply
            [pscustomobject]@{ Id = $mine.Id; Reply = $reply; Seen = @(Get-EchoServer).Count }
        }
        $ids.Reply | Sort-Object | Should -Be (1..8 | ForEach-Object { "from $_" } | Sort-Object)
        ($ids.Id | Select-Object -Unique).Count | Should -Be 8
        # The servers started in the parallel runspaces are visible (and stoppable) here.
        foreach ($id in $ids.Id) { (Get-EchoServer -Id $id).State | Should -Be 'Running' }
        Stop-EchoServer -Id $ids.Id
        @(Get-EchoServer).Count | Should -Be 3
    }

    It 'keeps the useful properties of <Type> through serialization (Invoke-Command, jobs)' -ForEach @(
        @{ Type = 'TcpMessageResult'; Make = { Send-TcpMessage -Port $servers[0].Port -Message 'ser' }; Check = @('Reply', 'BytesSent', 'ReplyEnd', 'RoundTripMs', 'Port') }
        @{ Type = 'UdpDatagramResult'; Make = { Send-UdpDatagram -Port $servers[0].Port -Message 'ser' -WaitForReply }; Check = @('Reply', 'Status', 'Replied', 'RoundTripMs', 'Sequence') }
        @{ Type = 'EchoServer'; Make = { $servers[0] }; Check = @('Id', 'Port', 'State', 'Protocol', 'BytesEchoed') }
    ) {
        $original = & $Make
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($original, 2))
        $copy.PSObject.TypeNames | Should -Contain "Deserialized.EchoNet.$Type"
        # Enums arrive as their value with the name as ToString(), as PowerShell remoting does for any enum.
        foreach ($name in $Check) { $copy.$name.ToString() | Should -Be $original.$name.ToString() -Because "$name survives" }
        ($copy | Format-Table | Out-String) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Formatting' {
    It 'has a table view for <Type> that fits 80 columns' -ForEach @(
        @{ Type = 'EchoServer'; Make = { $servers[0] } }
        @{ Type = 'TcpMessageResult'; Make = { Send-TcpMessage -Port $servers[0].Port -Message ('w' * 200) } }
        @{ Type = 'UdpDatagramResult'; Make = { Send-UdpDatagram -Port $servers[0].Port -Message 'fmt' -WaitForReply } }
    ) {
        $object = & $Make
        $lines = ($object | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
        $lines.Count | Should -BeGreaterOrEqual 3
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        (Get-FormatData -TypeName "EchoNet.$Type").FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name } | Should -Contain 'TableControl'
    }
}

Describe 'List views' {
    It 'the list view of <Type> shows every public property' -ForEach @(
        @{ Type = 'EchoServer'; Make = { $servers[0] } }
        @{ Type = 'TcpMessageResult'; Make = { Send-TcpMessage -Port $servers[0].Port -Message 'l' } }
        @{ Type = 'UdpDatagramResult'; Make = { Send-UdpDatagram -Port $servers[0].Port -Message 'l' -WaitForReply } }
        @{ Type = 'EchoServerEvent'; Make = { [EchoNet.EchoServerEvent]::new(1, 'Connected', 'Tcp', $null, 0, 'm') } }
    ) {
        $object = & $Make
        $view = (Get-FormatData -TypeName "EchoNet.$Type").FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.ListControl] }
        $view | Should -Not -BeNullOrEmpty
        # An item computed by a script block (e.g. Reply, printed escaped) is named by its label.
        $shown = $view.Control.Entries[0].Items | ForEach-Object { if ($_.Label) { $_.Label } else { $_.DisplayEntry.Value } }
        foreach ($property in $object.PSObject.Properties.Name) { $shown | Should -Contain $property }
    }
}

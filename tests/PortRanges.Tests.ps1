# -Port as typed: 1-1024, 80,443,8000-8100 and 7195..7210 (no parentheses) bind through the
# transformation; the results of several targets come back in the order asked, not as they finish.
# Loopback only; the ports are chosen around a port the system gave, every connect bounded.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Invoke-Typed {
        # Runs a command line exactly as a user types it.
        param([string] $Line)
        & ([scriptblock]::Create($Line))
    }
}

Describe 'PortList (the parser behind -Port)' {
    It 'reads <Text> as <Count> ports from <First> to <Last>' -ForEach @(
        @{ Text = '1-1024'; Count = 1024; First = 1; Last = 1024 }
        @{ Text = '80,443,8000-8100'; Count = 103; First = 80; Last = 8100 }
        @{ Text = '7195..7210'; Count = 16; First = 7195; Last = 7210 }
        @{ Text = ' 22 , 25 '; Count = 2; First = 22; Last = 25 }
    ) {
        $ports = [System.Collections.Generic.List[int]]::new()
        $problem = $null
        [EchoNet.Addressing.PortList]::TryAdd($Text, $ports, [ref] $problem) | Should -BeTrue
        $ports.Count | Should -Be $Count
        $ports[0] | Should -Be $First
        $ports[-1] | Should -Be $Last
    }

    It 'refuses <Text>: <Why>' -ForEach @(
        @{ Text = '10-1'; Why = 'backwards' }
        @{ Text = '0-5'; Why = 'out of range' }
        @{ Text = '80,,81'; Why = 'empty item' }
        @{ Text = 'http'; Why = 'not a port number' }
        @{ Text = '65535-65536'; Why = 'out of range' }
    ) {
        $problem = $null
        [EchoNet.Addressing.PortList]::TryAdd($Text, [System.Collections.Generic.List[int]]::new(), [ref] $problem) | Should -BeFalse
        $problem | Should -BeLike "*$Why*"
    }
}

Describe 'Send-TcpMessage -Port with ranges' {
    BeforeAll {
        # A listener that accepts and never answers: its target finishes last (by -Timeout).
        $script:slow = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $slow.Start()
        $script:base = $slow.LocalEndpoint.Port
        if ($base -gt 65530) { Set-ItResult -Skipped -Because 'the system gave a port too near the top for a range' }
    }
    AfterAll { $slow.Stop() }

    It 'binds <Form> typed without parentheses and answers in the order asked' -ForEach @(
        @{ Form = 'dots' }, @{ Form = 'dash' }, @{ Form = 'list' }
    ) {
        $last = $base + 3
        $typed = switch ($Form) {
            'dots' { "$base..$last" }
            'dash' { "$base-$last" }
            'list' { "$base,$($base + 1),$($base + 2)-$last" }
        }
        $results = Invoke-Typed "Send-TcpMessage -ComputerName 127.0.0.1 -Port $typed -Message hi -Timeout 1500 -ErrorAction SilentlyContinue"
        # The first target (the silent listener) ends last, after its timeout; the others are refused at once.
        @($results.Port) | Should -Be @($base..$last)
        $results[0].Status | Should -Be 'Timeout'
    }

    It 'refuses a backwards range with a binding error naming it' {
        { Invoke-Typed 'Send-TcpMessage -ComputerName 127.0.0.1 -Port 20-10 -ErrorAction Stop' } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*20-10*backwards*'
    }
}

# -AllowedClient/-DeniedClient text is read strictly (inet_pton's rule): no octal or short IPv4,
# no signs or leading zeros in prefixes, IPv4-mapped IPv6 ranges match IPv4 clients.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Client ranges are read strictly' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'rejects the leading-zero IPv4 <Range> instead of reading it as octal' -ForEach @(
        @{ Range = '127.0.0.010'; Part = '010' }, @{ Range = '010.0.0.0/8'; Part = '010' }, @{ Range = '127.0.0.00'; Part = '00' }
    ) {
        $err = { Start-EchoServer -DeniedClient $Range } | Should -Throw -ErrorId 'InvalidClientRange,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Range
        $err.Exception.Message | Should -BeLike "*'$Part' has a leading zero*"
    }

    It 'rejects the short or non-decimal IPv4 form <Range>' -ForEach @(
        @{ Range = '127.1' }, @{ Range = '0x7f.0.0.1' }, @{ Range = '127.0.0.1.5' }, @{ Range = '1.2.3.256' }, @{ Range = '::ffff:127.0.0.01' }
    ) {
        { Start-EchoServer -AllowedClient $Range } | Should -Throw -ErrorId 'InvalidClientRange,EchoNet.Commands.StartEchoServerCommand'
    }

    It 'rejects the loose prefix <Range>' -ForEach @(
        @{ Range = '10.0.0.0/+8' }, @{ Range = '10.0.0.0/08' }, @{ Range = '::1/-0' }, @{ Range = '::1/' }, @{ Range = '10.0.0.0/ 8' }, @{ Range = '::1%1' }
    ) {
        $err = { Start-EchoServer -AllowedClient $Range } | Should -Throw -ErrorId 'InvalidClientRange,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.TargetObject | Should -Be $Range
    }

    It 'shows <Typed> as <Shown> on the server object' -ForEach @(
        @{ Typed = ' 10.0.0.0/8 '; Shown = '10.0.0.0/8' }
        @{ Typed = '0:0:0:0:0:0:0:1'; Shown = '::1' }
        @{ Typed = '[::1]'; Shown = '::1' }
        @{ Typed = 'FD00::/8'; Shown = 'fd00::/8' }
        @{ Typed = '::FFFF:0:0/96'; Shown = '::ffff:0:0/96' }
        @{ Typed = '0/0'; Shown = $null }
    ) {
        if ($null -eq $Shown) {
            { Start-EchoServer -AllowedClient $Typed } | Should -Throw -ErrorId 'InvalidClientRange,EchoNet.Commands.StartEchoServerCommand'
            return
        }
        (Start-EchoServer -AllowedClient $Typed).AllowedClient | Should -Be @($Shown)
    }

    It 'denies IPv4 clients by the IPv4-mapped range ::ffff:0:0/96' {
        $server = Start-EchoServer -DeniedClient '::ffff:0:0/96'
        $client = Connect-TestClient -Port $server.Port
        try {
            $null = $client.GetStream().Write([byte[]](1), 0, 1)
            (Read-UntilClosed -Client $client).Length | Should -Be 0
        }
        finally { $client.Dispose() }
        Wait-Until { $server.ClientsDenied -eq 1 } | Should -BeTrue
    }

    It 'admits an IPv4 client inside ::ffff:127.0.0.0/104 on a dual-stack listener' {
        $server = Start-EchoServer -Address '*' -AllowedClient '::ffff:127.0.0.0/104' -WarningAction SilentlyContinue
        Test-SameBytes ([byte[]](1, 2, 3)) (Invoke-RawEcho -Port $server.Port -Bytes ([byte[]](1, 2, 3))) | Should -BeTrue
        $server.ClientsDenied | Should -Be 0
    }
}

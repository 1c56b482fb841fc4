# Start-EchoServer -Address: strict literals, the any-address warning in every spelling, and
# addresses that cannot share one port named as such (not as "port 0 is in use").
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

AfterAll { Stop-EchoServer -All }

Describe 'Start-EchoServer -Address' -Tag 'Engine' {
    AfterEach { Stop-EchoServer -All }

    It 'warns that <Address> listens on every address' -ForEach @(
        @{ Address = '::%1' }, @{ Address = '0:0:0:0:0:0:0:0' }, @{ Address = '*' }, @{ Address = '0.0.0.0' }
    ) {
        # -MaxConnections 10: below any descriptor limit, so that no other warning joins in.
        $server = Start-EchoServer -Address $Address -MaxConnections 10 -WarningVariable warnings -WarningAction SilentlyContinue
        $server.State | Should -Be 'Running'
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*every network address*'
    }

    It 'does not warn for loopback <Address>' -ForEach @(@{ Address = '::1' }, @{ Address = 'localhost' }) {
        $null = Start-EchoServer -Address $Address -MaxConnections 10 -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0
    }

    It 'rejects the leading-zero address 127.0.0.010 instead of listening on 127.0.0.8' {
        $err = { Start-EchoServer -Address 127.0.0.010 } | Should -Throw -ErrorId 'InvalidListenAddress,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.Exception.Message | Should -BeLike "*'010' has a leading zero*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'names <Addresses> as a duplicate, not as a port in use' -ForEach @(
        @{ Addresses = @('127.0.0.1', '127.0.0.1') }
        @{ Addresses = @('localhost', '127.0.0.1') }
        @{ Addresses = @('::1', '[::1]') }
        @{ Addresses = @('*', '127.0.0.1') }
        @{ Addresses = @('0.0.0.0', '127.0.0.1') }
        @{ Addresses = @('::1', '::') }
    ) {
        $err = { Start-EchoServer -Address $Addresses -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'DuplicateListenAddress,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Addresses[1]
        $err.Exception.Message | Should -Not -BeLike '*already in use*'
        @(Get-EchoServer).Count | Should -Be 0
    }

    It 'listens on the IPv4 any-address and IPv6 loopback together' {
        $server = Start-EchoServer -Address 0.0.0.0, ::1 -WarningAction SilentlyContinue
        $server.LocalEndPoints.Count | Should -Be 2
        Test-SameBytes ([byte[]](7, 8)) (Invoke-RawEcho -Port $server.Port -Bytes ([byte[]](7, 8)) -Address '::1') | Should -BeTrue
    }
}

Describe 'Start-EchoServer -Certificate with UDP' -Tag 'Engine' {
    BeforeAll {
        $certificate = New-TestCertificate
    }
    AfterEach { Stop-EchoServer -All }

    It 'refuses -Protocol Udp with a certificate: UDP would echo in plaintext' {
        $err = { Start-EchoServer -Protocol Udp -Certificate $certificate } |
            Should -Throw -ErrorId 'CertificateNeedsTcp,EchoNet.Commands.StartEchoServerCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EchoServer).Count | Should -Be 0
    }

    It 'warns that UDP stays plaintext with -Protocol Tcp, Udp' {
        $server = Start-EchoServer -Protocol Tcp, Udp -Certificate $certificate -WarningVariable warnings -WarningAction SilentlyContinue
        $server.Tls | Should -BeTrue
        "$warnings" | Should -BeLike '*UDP*plaintext*'
        # The UDP side really is plaintext: the datagram comes back as sent.
        Test-SameBytes ([byte[]](1, 2)) (Invoke-RawUdpEcho -Port $server.Port -Bytes ([byte[]](1, 2))) | Should -BeTrue
    }
}

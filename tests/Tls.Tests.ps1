# TLS end to end with a self-signed certificate made at run time (nothing is installed or trusted).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    $selfSigned = New-TestCertificate -WithSubjectAltName
    $password = ConvertTo-SecureString 'test-only' -AsPlainText -Force
    $pfxPath = Join-Path $TestDrive 'server.pfx'
    [IO.File]::WriteAllBytes($pfxPath, $selfSigned.Export('Pfx', 'test-only'))
    $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($pfxPath, 'test-only')
    $server = Start-EchoServer -Certificate $certificate
}

AfterAll { Stop-EchoServer -All }

Describe 'TLS' {
    It 'serves TLS and reports it on the server object' {
        $server.Tls | Should -BeTrue
        $server.CertificateSubject | Should -Be 'CN=localhost'
    }

    It 'echoes over TLS with -SkipCertificateCheck, byte-exact' {
        $payload = New-TestBytes -Length 100000
        $r = Send-TcpMessage -Port $server.Port -Bytes $payload -UseTls -SkipCertificateCheck
        Test-SameBytes $payload $r.ReplyBytes | Should -BeTrue
    }

    It 'sends a pipeline over one TLS connection' {
        $results = 1..50 | ForEach-Object { "tls $_" } | Send-TcpMessage -Port $server.Port -UseTls -SkipCertificateCheck
        $results.Reply | Should -Be (1..50 | ForEach-Object { "tls $_" })
        ($results.LocalEndPoint | ForEach-Object ToString | Select-Object -Unique).Count | Should -Be 1
    }

    It 'validates the certificate by default and says why it failed' {
        $r = Send-TcpMessage -Port $server.Port -Message x -UseTls -ErrorVariable errs -ErrorAction SilentlyContinue
        # The result says the message never went out: no TLS connection, nothing sent or received.
        $r.Status | Should -Be 'CertificateInvalid'
        $r.Connected | Should -BeFalse
        $r.BytesSent | Should -Be 0
        $r.BytesReceived | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -Be 'CertificateInvalid,EchoNet.Commands.SendTcpMessageCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errs[0].Exception.Message | Should -BeLike '*RemoteCertificateChainErrors*'
    }

    It 'checks the name given by -ServerName' {
        Send-TcpMessage -Port $server.Port -Message x -UseTls -ServerName 'other.example' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike '*RemoteCertificateNameMismatch*'
        $errs[0].Exception.Message | Should -BeLike "*'other.example'*"
    }

    It 'loads a PFX with -CertificatePath and -CertificatePassword' {
        $fromFile = Start-EchoServer -CertificatePath $pfxPath -CertificatePassword $password
        (Send-TcpMessage -Port $fromFile.Port -Message 'pfx' -UseTls -SkipCertificateCheck).Reply | Should -Be 'pfx'
        $fromFile | Stop-EchoServer
    }

    It 'fails to load with a wrong password (CertificateLoadFailed) or a missing file (CertificateNotFound)' {
        $wrong = ConvertTo-SecureString 'wrong' -AsPlainText -Force
        { Start-EchoServer -CertificatePath $pfxPath -CertificatePassword $wrong } | Should -Throw -ErrorId 'CertificateLoadFailed,*'
        { Start-EchoServer -CertificatePath (Join-Path $TestDrive 'none.pfx') } | Should -Throw -ErrorId 'CertificateNotFound,*'
    }

    It 'refuses a certificate without its private key' {
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate.Export('Cert'))
        { Start-EchoServer -Certificate $publicOnly } | Should -Throw -ErrorId 'InvalidArgument,*'
    }

    It 'survives a client that speaks plain TCP to the TLS server' {
        Send-TcpMessage -Port $server.Port -Message 'not tls' -Timeout 1000 -ErrorAction SilentlyContinue | Out-Null
        (Send-TcpMessage -Port $server.Port -Message 'still fine' -UseTls -SkipCertificateCheck).Reply | Should -Be 'still fine'
    }
}

@{
    RootModule           = 'bin/EchoNet.dll'
    RequiredAssemblies   = @('bin/EchoNet.Core.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '47f5f515-b4ff-4733-aa9b-98f59cfe726a'
    Author               = 'The EchoNet team'
    CompanyName          = 'EchoNet'
    Copyright            = '(c) The EchoNet team. MIT licence.'
    Description          = 'TCP and UDP echo servers, a scriptable TCP/UDP client with typed results, and a WHATWG URL Standard parser: the netcat PowerShell never had, with objects instead of text.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    TypesToProcess       = @('module/EchoNet.Types.ps1xml')
    FormatsToProcess     = @('module/EchoNet.Format.ps1xml')
    CmdletsToExport      = @(
        'Start-EchoServer'
        'Get-EchoServer'
        'Stop-EchoServer'
        'Set-EchoServer'
        'Receive-EchoServerEvent'
        'Send-TcpMessage'
        'Send-UdpDatagram'
        'Connect-TcpSession'
        'Receive-TcpMessage'
        'Get-TcpSession'
        'Disconnect-TcpSession'
        'Enter-TcpSession'
        'ConvertFrom-Url'
        'Test-Url'
        'New-UrlPattern'
        'Select-Url'
        'Measure-RoundTrip'
        'Test-TcpPort'
        'Wait-TcpPort'
        'Measure-Throughput'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('echo', 'tcp', 'udp', 'netcat', 'socket', 'url', 'whatwg', 'urlpattern', 'network', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # ProjectUri is left out on purpose: the project has no public home yet. Add it here
            # (and an IconUri if wanted) before publishing to a gallery.
            ReleaseNotes = @'
0.1.0: first release.
- Start-EchoServer, Get-EchoServer, Stop-EchoServer: TCP and UDP echo servers (RFC 862) in the
  background of the session, port 0, IPv4 and IPv6, live counters, -Wait, -MaxConnections,
  -IdleTimeout, -AllowedClient/-DeniedClient, -ReplyFormat.
- Send-TcpMessage: messages over one connection with typed results and reply rules that never
  sleep a fixed delay (-Terminator, -ReplyLength, -NoReply, or a complete echo).
- Send-UdpDatagram: fire-and-forget or -WaitForReply, Refused/NoReply as results, -Count series.
- Several targets at once (-ComputerName x -Port, -ThrottleLimit, progress); a TCP connect test.
- TLS: Start-EchoServer -Certificate/-CertificatePath, Send-TcpMessage -UseTls.
- ConvertFrom-Url: the WHATWG URL Standard parser (what browsers and Node do); the URL object
  has the Standard's setters and a live SearchParams, binds to [uri] parameters and is -eq by href.
- Test-Url: $true or $false per string, no errors, for Where-Object filters.
- New-UrlPattern, Select-Url, Test-Url -Pattern: the WHATWG URL Pattern Standard (URLPattern, as in
  browsers and Node); Select-Url writes the captured groups as properties.
- Test-TcpPort (tcping, -RoundTrip), Measure-RoundTrip (loss, percentiles, histogram), Wait-TcpPort
  (wait-for-it) and Measure-Throughput (MB/s, echo verified).
- Full offline help (Get-Help <cmdlet> -Full, about_EchoNet) whose examples the tests run.
'@
        }
    }
}

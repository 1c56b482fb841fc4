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
    FormatsToProcess     = @('module/EchoNet.Format.ps1xml')
    CmdletsToExport      = @(
        'Start-EchoServer'
        'Get-EchoServer'
        'Stop-EchoServer'
        'Send-TcpMessage'
        'Send-UdpDatagram'
        'ConvertFrom-Url'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('echo', 'tcp', 'udp', 'netcat', 'socket', 'url', 'whatwg', 'network', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First release: TCP echo server and Send-TcpMessage.'
        }
    }
}

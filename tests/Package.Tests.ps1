# build.ps1 Package makes a module folder and a nupkg that PSResourceGet installs from a local
# folder repository. Save-PSResource puts it in a temporary folder (never the user's module path);
# a new pwsh imports it by name from there and runs one command of each cmdlet on loopback.
# PSResourceGet's settings live in a throw-away folder in every child process, so no repository is
# registered for the user; the test checks that the user's settings file did not change.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Split-Path (Get-EchoNetManifest)
    $script:Manifest = Import-PowerShellDataFile (Get-EchoNetManifest)
    $script:Version = $Manifest.ModuleVersion
    $script:Out = Join-Path $TestDrive 'out'
    $script:Modules = Join-Path $TestDrive 'modules'
    $script:Settings = Join-Path $TestDrive 'psresourceget'
    $script:UserSettings = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
    $script:UserSettingsBefore = if (Test-Path $UserSettings) { Get-Content $UserSettings -Raw } else { $null }

    # Package what the Test task just built (-NoBuild: bin/ is loaded in this process).
    $script:Package = Invoke-ChildPwsh -Arguments @('-File', (Join-Path $Root 'build.ps1'), 'Package', '-NoBuild', '-OutputPath', $Out)
    $script:Nupkg = Join-Path $Out "repository/EchoNet.$Version.nupkg"

    # Save it from a temporary folder repository into a temporary module folder.
    $saveScript = {
        param($repository, $modules)
        $ErrorActionPreference = 'Stop'
        $name = 'EchoNetTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $name -Uri $repository -Trusted
        try { Save-PSResource -Name EchoNet -Repository $name -Path $modules -TrustRepository -Quiet }
        finally { Unregister-PSResourceRepository -Name $name }
        # Nothing stays registered, even in the throw-away settings.
        if (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue) { throw "repository $name is still registered" }
    }
    $null = New-Item -ItemType Directory -Force -Path $Modules, $Settings
    $script:Save = Invoke-ChildPwsh -Environment @{ XDG_DATA_HOME = $Settings; LOCALAPPDATA = $Settings; XDG_CONFIG_HOME = $Settings; APPDATA = $Settings } -Arguments @(
        '-Command', "& { $saveScript } '$(Join-Path $Out 'repository')' '$Modules'")

    # Import by name from the saved folder in a new pwsh and run one command of each cmdlet.
    $smokeScript = {
        $ErrorActionPreference = 'Stop'
        Import-Module EchoNet
        $module = Get-Module EchoNet
        $ran = [ordered]@{}
        $server = Start-EchoServer -Port 0 -Protocol Tcp, Udp -Record
        $ran['Start-EchoServer'] = $server.State.ToString()
        $ran['Get-EchoServer'] = @(Get-EchoServer -Id $server.Id).Count
        $ran['Send-TcpMessage'] = (Send-TcpMessage -Port $server.Port -Message 'packaged').Reply
        $ran['Receive-EchoServerEvent'] = (Receive-EchoServerEvent -Id $server.Id -Kind Received).Text
        $ran['Send-UdpDatagram'] = (Send-UdpDatagram -Port $server.Port -Message 'packaged' -WaitForReply).Reply
        $ran['ConvertFrom-Url'] = (ConvertFrom-Url 'http://localhost:8080/a/../b?x=1#f').Href
        $session = Connect-TcpSession -ComputerName 127.0.0.1 -Port $server.Port
        $ran['Connect-TcpSession'] = $session.State.ToString()
        $null = Send-TcpMessage -Session $session -Message "packaged`nsession`n" -Terminator "`n"
        $ran['Receive-TcpMessage'] = (Receive-TcpMessage -Session $session -Terminator "`n").Reply.Trim()
        $ran['Get-TcpSession'] = @(Get-TcpSession -Id $session.Id).Count
        'packaged' | Enter-TcpSession -Session $session | Out-Null
        $ran['Enter-TcpSession'] = $session.BytesSent
        $null = $session | Disconnect-TcpSession
        $ran['Disconnect-TcpSession'] = $session.State.ToString()
        $ran['Test-Url'] = "$(Test-Url 'https://example.com/', 'https://exa mple.com/')"
        $ran['Set-EchoServer'] = (Set-EchoServer -Id $server.Id -Latency 1 -PassThru).Faults.ToString()
        $ran['New-UrlPattern'] = (New-UrlPattern 'https://*.example.com/books/:id').Exec('https://a.example.com/books/7').Pathname['id']
        $ran['Select-Url'] = ('/api/v2/x', '/blog' | Select-Url '/api/:version/*' -BaseUrl 'https://example.com').version
        $probes = Test-TcpPort -ComputerName 127.0.0.1 -Port $server.Port -Count 2 -Interval 0
        $ran['Test-TcpPort'] = @($probes | Where-Object Connected).Count
        $ran['Measure-RoundTrip'] = ($probes | Measure-RoundTrip).Received
        $ran['Wait-TcpPort'] = (Wait-TcpPort -ComputerName 127.0.0.1 -Port $server.Port -Timeout 5000).Open
        $ran['Measure-Throughput'] = (Measure-Throughput -ComputerName 127.0.0.1 -Port $server.Port -Size 10000).Verified
        $ran['Stop-EchoServer'] = (Stop-EchoServer -Id $server.Id -PassThru).State.ToString()
        [pscustomobject]@{
            ModuleBase = $module.ModuleBase
            Version    = $module.Version.ToString()
            Exported   = @(Get-Command -Module EchoNet | ForEach-Object Name)
            Ran        = $ran
            Synopsis   = (Get-Help Start-EchoServer).Synopsis
            Examples   = @((Get-Help Send-TcpMessage -Examples).examples.example).Count
            About      = (Get-Help about_EchoNet | Out-String) -match 'SCRIPTED TCP CONVERSATIONS'
            Running    = @(Get-EchoServer).Count
        } | ConvertTo-Json -Depth 4 -Compress
    }
    $modulePath = $Modules + [IO.Path]::PathSeparator + $env:PSModulePath
    $script:Smoke = Invoke-ChildPwsh -Environment @{ PSModulePath = $modulePath } -Arguments @('-Command', "& { $smokeScript }")
    $script:Result = try { ($Smoke.Output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json } catch { $null }
}

Describe 'build.ps1 Package' {
    It 'succeeds and writes a versioned module folder and a nupkg' {
        $Package.ExitCode | Should -Be 0 -Because $Package.Output
        Join-Path $Out "EchoNet/$Version/EchoNet.psd1" | Should -Exist
        $Nupkg | Should -Exist
    }

    It 'ships what the manifest names, the help, and no System.Management.Automation' {
        $folder = Join-Path $Out "EchoNet/$Version"
        foreach ($path in @($Manifest.RootModule) + @($Manifest.RequiredAssemblies) + @($Manifest.FormatsToProcess) +
            'en-US/EchoNet.dll-Help.xml', 'en-US/about_EchoNet.help.txt', 'LICENSE') {
            Join-Path $folder $path | Should -Exist
        }
        Get-ChildItem $folder -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        Get-ChildItem $folder -Recurse -Filter '*.pdb' | Should -BeNullOrEmpty
    }

    It 'makes a nupkg with the gallery metadata and the module files' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $entries = @($zip.Entries | ForEach-Object FullName)
            $entries | Should -Contain 'EchoNet.psd1'
            $entries | Should -Contain 'bin/EchoNet.dll'
            $entries | Should -Contain 'module/EchoNet.Format.ps1xml'
            $entries | Should -Contain 'en-US/EchoNet.dll-Help.xml'
            $entries | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('EchoNet.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'EchoNet'
        $meta.version | Should -Be $Version
        $meta.authors | Should -Not -BeNullOrEmpty
        $meta.description | Should -Not -BeNullOrEmpty
        $meta.licenseUrl | Should -Not -BeNullOrEmpty
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
        $meta.tags | Should -Match '\bPSModule\b'
        $meta.tags | Should -Match '\becho\b'
    }
}

Describe 'The package, saved with Save-PSResource and imported by name in a new pwsh' {
    It 'is saved into a temporary module folder' {
        $Save.ExitCode | Should -Be 0 -Because $Save.Output
        Join-Path $Modules "EchoNet/$Version/EchoNet.psd1" | Should -Exist
    }

    It 'imports from that folder, not from the repository' {
        $Result | Should -Not -BeNullOrEmpty -Because $Smoke.Output
        $Result.ModuleBase | Should -BeLike "$Modules*"
        $Result.Version | Should -Be $Version
    }

    It 'runs one command of each cmdlet' {
        $Result.Ran.'Start-EchoServer' | Should -Be 'Running'
        $Result.Ran.'Get-EchoServer' | Should -Be 1
        $Result.Ran.'Send-TcpMessage' | Should -Be 'packaged'
        $Result.Ran.'Stop-EchoServer' | Should -Be 'Stopped'
        $Result.Ran.'Set-EchoServer' | Should -Be 'Latency 1ms'
        $Result.Ran.'Connect-TcpSession' | Should -Be 'Open'
        $Result.Ran.'Receive-TcpMessage' | Should -Be 'session'
        $Result.Ran.'Get-TcpSession' | Should -Be 1
        $Result.Ran.'Disconnect-TcpSession' | Should -Be 'Closed'
        $Result.Ran.'Send-UdpDatagram' | Should -Be 'packaged'
        $Result.Ran.'ConvertFrom-Url' | Should -Be 'http://localhost:8080/b?x=1#f'
        $Result.Ran.'Enter-TcpSession' | Should -Be 26
        $Result.Ran.'Receive-EchoServerEvent' | Should -Be 'packaged'
        $Result.Ran.'Test-Url' | Should -Be 'True False'
        $Result.Ran.'New-UrlPattern' | Should -Be '7'
        $Result.Ran.'Select-Url' | Should -Be 'v2'
        $Result.Ran.'Test-TcpPort' | Should -Be 2
        $Result.Ran.'Measure-RoundTrip' | Should -Be 2
        $Result.Ran.'Wait-TcpPort' | Should -BeTrue
        $Result.Ran.'Measure-Throughput' | Should -BeTrue
        # A new cmdlet needs a line in the smoke script above.
        $Result.Exported | Where-Object { $Result.Ran.PSObject.Properties.Name -notcontains $_ } | Should -BeNullOrEmpty
        $Result.Running | Should -Be 0
    }

    It 'brings its help' {
        $Result.Synopsis | Should -Match 'echo server'
        $Result.Examples | Should -BeGreaterOrEqual 3
        $Result.About | Should -BeTrue
    }

    It "leaves the user's PSResourceGet settings as they were" {
        $after = if (Test-Path $UserSettings) { Get-Content $UserSettings -Raw } else { $null }
        $after | Should -Be $UserSettingsBefore
    }
}

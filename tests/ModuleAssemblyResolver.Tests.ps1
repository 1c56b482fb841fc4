# The assembly resolver that lets Windows PowerShell 5.1 bind the dependencies EchoNet ships in
# bin/ (System.Memory and friends, whose references disagree on versions and which a module gets
# no binding redirects for). No Windows machine runs these tests: here, on pwsh, they check that
# the resolver serves only what bin/ ships, never a foreign name, and that the module loads with it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $resolver = [EchoNet.Module.ModuleAssemblyResolver]
    $private = [Reflection.BindingFlags]'NonPublic, Static'
    $pathFor = $resolver.GetMethod('PathFor', $private)
    $shipped = @($resolver.GetField('Shipped', $private).GetValue($null))
    $bin = Split-Path $resolver.Assembly.Location

    function Get-ServedPath([string] $Name) { $pathFor.Invoke($null, @($Name)) }
}

Describe 'ModuleAssemblyResolver' {
    It 'names exactly the assemblies bin/ ships beside EchoNet.dll' {
        $inBin = Get-ChildItem $bin -Filter '*.dll' | ForEach-Object BaseName | Where-Object { $_ -ne 'EchoNet' } | Sort-Object
        $shipped | Sort-Object | Should -Be $inBin -Because 'a new dependency in bin/ needs a line in ModuleAssemblyResolver.Shipped'
    }

    It 'serves each shipped assembly from bin/, for its version and for older ones' {
        foreach ($name in $shipped) {
            $file = Join-Path $bin "$name.dll"
            $real = [Reflection.AssemblyName]::GetAssemblyName($file)
            Get-ServedPath $real.FullName | Should -Be $file -Because "$name is asked for as it ships"
            $older = [Reflection.AssemblyName]::new($real.FullName)
            $older.Version = [version]'0.0.0.1'
            Get-ServedPath $older.FullName | Should -Be $file -Because "$name serves older references (a binding redirect's job)"
        }
    }

    It 'serves no newer version than bin/ has' {
        $real = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $bin 'System.Memory.dll'))
        $newer = [Reflection.AssemblyName]::new($real.FullName)
        $newer.Version = [version]::new($real.Version.Major + 1, 0, 0, 0)
        Get-ServedPath $newer.FullName | Should -BeNullOrEmpty
    }

    It 'serves no assembly asked for with another public key token' {
        Get-ServedPath 'System.Memory, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef' | Should -BeNullOrEmpty
    }

    It 'never serves a foreign name: <_>' -ForEach @(
        'Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed'
        'System.Management.Automation'
        'System.Text.Json, Version=8.0.0.0'
        'System.Memory.Extra'
        'EchoNet'
        'not, a=valid name'
    ) {
        Get-ServedPath $_ | Should -BeNullOrEmpty
    }

    It 'never serves a DLL that lies in bin/ but is not EchoNet''s' {
        $stray = Join-Path $bin 'Stray.Dependency.dll'
        Copy-Item (Join-Path $bin 'System.Buffers.dll') $stray
        try { Get-ServedPath 'Stray.Dependency' | Should -BeNullOrEmpty }
        finally { Remove-Item $stray }
    }

    It 'lets the module import, work, import again with -Force and be removed in a fresh pwsh' {
        $script = {
            param($manifest)
            $ErrorActionPreference = 'Stop'
            Import-Module $manifest
            $server = Start-EchoServer -Port 0
            $reply = (Send-TcpMessage -Port $server.Port -Message 'resolved').Reply
            $href = (ConvertFrom-Url 'HTTP://Example.COM/a/../b').Href
            Import-Module $manifest -Force
            Remove-Module EchoNet
            "$reply $href $($server.State)"
        }
        $child = Invoke-ChildPwsh -Arguments @('-Command', "& { $script } '$(Get-EchoNetManifest)'") -TimeoutSeconds 120
        $child.ExitCode | Should -Be 0 -Because $child.Output
        # Import-Module -Force in the only runspace stops the server, and says so (issue 26 item 2).
        $lines = $child.Output -split '\r?\n'
        $lines[-1] | Should -Be 'resolved http://example.com/b Stopped'
        @($lines -like 'WARNING: Removing EchoNet*stopped 1 server(s)*').Count | Should -Be 1 -Because $child.Output
    }
}

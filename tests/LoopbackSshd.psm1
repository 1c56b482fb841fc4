# A private OpenSSH server on loopback for the remoting tests: PowerShell remoting over SSH to this
# machine, as an administrator's fleet would use it, with nothing of the user's own SSH set-up used
# or changed. Everything lives in one folder under the system temp folder: the config, a host key
# and a client key made at run time, the known_hosts file the client checks, the log, and the
# wrapper that starts this very pwsh as the `powershell` subsystem. sshd listens on 127.0.0.1 (and
# ::1 where the machine has it) on a free port, and is stopped by Stop-LoopbackSshd.

$script:SshdPath = '/usr/sbin/sshd'

function Invoke-BoundedProcess {
    # Runs a program to its end or kills it after $TimeoutSeconds; returns its exit code and output.
    param([string] $FilePath, [string[]] $ArgumentList, [int] $TimeoutSeconds, [hashtable] $Environment = @{})
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(5000)
            return [pscustomobject]@{ ExitCode = -1; Output = "$FilePath did not finish within $TimeoutSeconds s" }
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = ($stdout.Result + $stderr.Result).Trim() }
    }
    finally { $process.Dispose() }
}

function Install-LoopbackSshd {
    <#
    .SYNOPSIS
        Makes sure the OpenSSH server is on the machine. When it is missing, installs the Debian
        package openssh-server with apt-get, but only when the run opts in with
        ECHONET_TEST_INSTALL_PACKAGES=1 (.ci/run does; the README's test command on someone's own
        machine never changes its system packages), and only as root. Returns $null when sshd is
        there, otherwise why it is not (a sentence for Set-ItResult -Because).
    #>
    if (Test-Path $script:SshdPath) { return $null }
    if ($env:ECHONET_TEST_INSTALL_PACKAGES -ne '1') {
        return "sshd is not installed ($($script:SshdPath)); set ECHONET_TEST_INSTALL_PACKAGES=1 to let the test run install openssh-server with apt-get (CI does), or install it yourself"
    }
    if (-not $IsLinux) { return "sshd is not installed and this test installs it on Debian-like Linux only (this is $([Runtime.InteropServices.RuntimeInformation]::OSDescription))" }
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) { return 'sshd is not installed and there is no apt-get to install openssh-server with' }
    $uid = (& id -u).Trim()
    if ($uid -ne '0') { return "sshd is not installed and installing openssh-server needs root (this is uid $uid)" }

    # Noninteractive, no recommended extras, and a bounded wait for the dpkg lock (other processes on
    # the machine may be installing too). The package lists are fetched only when the package is unknown.
    $aptEnvironment = @{ DEBIAN_FRONTEND = 'noninteractive' }
    $install = @('-o', 'DPkg::Lock::Timeout=120', '-y', '-q', '--no-install-recommends', 'install', 'openssh-server')
    $result = Invoke-BoundedProcess -FilePath 'apt-get' -ArgumentList $install -TimeoutSeconds 240 -Environment $aptEnvironment
    if ($result.ExitCode -ne 0) {
        $update = Invoke-BoundedProcess -FilePath 'apt-get' -ArgumentList @('-o', 'DPkg::Lock::Timeout=120', '-q', 'update') -TimeoutSeconds 180 -Environment $aptEnvironment
        if ($update.ExitCode -ne 0) { return "apt-get update failed (exit $($update.ExitCode)), so openssh-server could not be installed: $(Get-LastLines $update.Output)" }
        $result = Invoke-BoundedProcess -FilePath 'apt-get' -ArgumentList $install -TimeoutSeconds 240 -Environment $aptEnvironment
    }
    if ($result.ExitCode -ne 0) { return "apt-get install openssh-server failed (exit $($result.ExitCode)): $(Get-LastLines $result.Output)" }
    if (-not (Test-Path $script:SshdPath)) { return "apt-get installed openssh-server but there is no $($script:SshdPath): $(Get-LastLines $result.Output)" }
    $null
}

function Get-LastLines {
    param([string] $Text, [int] $Count = 3)
    (@($Text -split "`n" | Where-Object { $_.Trim() }) | Select-Object -Last $Count) -join ' | '
}

function Get-FreeLoopbackPort {
    # A port the kernel hands out for 127.0.0.1 (and, when wanted, free on ::1 too) right now.
    param([bool] $AlsoIPv6)
    for ($attempt = 0; $attempt -lt 20; $attempt++) {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        if (-not $AlsoIPv6) { return $port }
        $v6 = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::IPv6Loopback, $port)
        try { $v6.Start(); return $port } catch { } finally { $v6.Stop() }
    }
    throw 'No port was free on both 127.0.0.1 and ::1 after 20 tries.'
}

function Test-IPv6Loopback {
    if (-not [System.Net.Sockets.Socket]::OSSupportsIPv6) { return $false }
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::IPv6Loopback, 0)
    try { $listener.Start(); $true } catch { $false } finally { $listener.Stop() }
}

function New-SshKey {
    param([string] $Path, [string] $Comment)
    $result = Invoke-BoundedProcess -FilePath 'ssh-keygen' -ArgumentList @('-q', '-t', 'ed25519', '-N', '', '-C', $Comment, '-f', $Path) -TimeoutSeconds 30
    if ($result.ExitCode -ne 0) { throw "ssh-keygen failed for ${Path}: $($result.Output)" }
    # ssh and sshd refuse private keys that others can read.
    if (-not $IsWindows) { & chmod 600 $Path }
}

function Get-PwshCommandLine {
    # How to start the pwsh that runs these tests. Under `dotnet pwsh` (the pinned tool) the process
    # is the dotnet host running $PSHOME/pwsh.dll; otherwise it is pwsh's own executable.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @{ Executable = $process; Arguments = @(Join-Path $PSHOME 'pwsh.dll'); DotNetRoot = Split-Path $process -Parent }
    }
    @{ Executable = $process; Arguments = @(); DotNetRoot = $env:DOTNET_ROOT }
}

function Start-LoopbackSshd {
    <#
    .SYNOPSIS
        Starts a private sshd on loopback whose `powershell` subsystem is this pwsh. Returns an
        object with what New-PSSession needs (Port, UserName, KeyFilePath, Options), or throws
        with sshd's own log when it does not come up within $TimeoutSeconds.
    #>
    param([string] $Directory = (Join-Path ([IO.Path]::GetTempPath()) "echonet-sshd-$PID-$([guid]::NewGuid().ToString('N').Substring(0, 8))"),
        [int] $TimeoutSeconds = 15)

    $null = New-Item -ItemType Directory -Force -Path $Directory
    if (-not $IsWindows) { & chmod 700 $Directory }
    $userName = [Environment]::UserName
    $withIPv6 = Test-IPv6Loopback
    $port = Get-FreeLoopbackPort -AlsoIPv6 $withIPv6

    $hostKey = Join-Path $Directory 'ssh_host_ed25519_key'
    $clientKey = Join-Path $Directory 'client_ed25519_key'
    New-SshKey -Path $hostKey -Comment 'echonet-test-host'
    New-SshKey -Path $clientKey -Comment 'echonet-test-client'
    $authorizedKeys = Join-Path $Directory 'authorized_keys'
    Copy-Item "$clientKey.pub" $authorizedKeys

    # The client trusts exactly this host key, for every loopback name it may be asked for.
    $knownHosts = Join-Path $Directory 'known_hosts'
    $hostPublic = (Get-Content "$hostKey.pub" -Raw).Trim() -split ' '
    $names = @("[localhost]:$port", "[127.0.0.1]:$port") + @(if ($withIPv6) { "[::1]:$port" })
    Set-Content -Path $knownHosts -Value "$($names -join ',') $($hostPublic[0]) $($hostPublic[1])"

    # The subsystem: this pwsh in server mode. HOME and the XDG folders point into the temp folder so
    # the remote pwsh writes its caches there, not into the user's home.
    $pwsh = Get-PwshCommandLine
    $remoteHome = Join-Path $Directory 'remote-home'
    $null = New-Item -ItemType Directory -Force -Path $remoteHome
    $quote = { param($s) "'" + ($s -replace "'", "'\''") + "'" }
    $wrapper = Join-Path $Directory 'pwsh-sshs.sh'
    $exec = (@($pwsh.Executable) + $pwsh.Arguments + '-sshs' + '-NoLogo' + '-NoProfile' | ForEach-Object { & $quote $_ }) -join ' '
    $lines = @(
        '#!/bin/sh'
        '# The powershell subsystem of the EchoNet remoting tests (made by tests/LoopbackSshd.psm1).'
        "export HOME=$(& $quote $remoteHome)"
        "export XDG_CACHE_HOME=$(& $quote (Join-Path $remoteHome 'cache'))"
        "export XDG_DATA_HOME=$(& $quote (Join-Path $remoteHome 'data'))"
        "export XDG_CONFIG_HOME=$(& $quote (Join-Path $remoteHome 'config'))"
        'export POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1'
        $(if ($pwsh.DotNetRoot) { "export DOTNET_ROOT=$(& $quote $pwsh.DotNetRoot)" })
        "exec $exec"
    )
    Set-Content -Path $wrapper -Value ($lines -join "`n") -NoNewline
    & chmod 755 $wrapper

    $config = Join-Path $Directory 'sshd_config'
    $log = Join-Path $Directory 'sshd.log'
    Set-Content -Path $config -Value (@(
            "Port $port"
            'ListenAddress 127.0.0.1'
            $(if ($withIPv6) { 'ListenAddress ::1' })
            "HostKey $hostKey"
            "PidFile $(Join-Path $Directory 'sshd.pid')"
            "AuthorizedKeysFile $authorizedKeys"
            "AllowUsers $userName"
            'PubkeyAuthentication yes'
            'PasswordAuthentication no'
            'KbdInteractiveAuthentication no'
            'PermitRootLogin prohibit-password'
            # The keys live in the temp folder, whose parent is world-writable by design.
            'StrictModes no'
            'UsePAM no'
            'PermitUserRC no'
            'PermitTTY no'
            'X11Forwarding no'
            'AllowTcpForwarding no'
            'PrintMotd no'
            'MaxSessions 16'
            'MaxStartups 16:30:32'
            'LogLevel VERBOSE'
            "Subsystem powershell $wrapper"
        ) -join "`n")

    # sshd running as root insists on its privilege-separation folder, which the package's service
    # would create at boot. Made here when missing, empty, and left in place: it lives on the /run
    # tmpfs until reboot, and another test run's sshd on this machine may be using it right now.
    $privsep = '/run/sshd'
    if ($IsLinux -and (& id -u).Trim() -eq '0' -and -not (Test-Path $privsep)) {
        $null = New-Item -ItemType Directory -Force -Path $privsep
        & chmod 755 $privsep
    }

    $check = Invoke-BoundedProcess -FilePath $script:SshdPath -ArgumentList @('-t', '-f', $config) -TimeoutSeconds 30
    $sshd = [pscustomobject]@{
        Directory      = $Directory
        Port           = $port
        # Names New-PSSession -HostName takes for this sshd (an IPv6 address in brackets).
        HostNames      = @('localhost', '127.0.0.1') + @(if ($withIPv6) { '[::1]' })
        UserName       = $userName
        KeyFilePath    = $clientKey
        KnownHostsFile = $knownHosts
        # ssh -o options for New-PSSession -Options: only this key, only this host key, never a prompt.
        Options        = @{
            UserKnownHostsFile    = $knownHosts
            GlobalKnownHostsFile  = '/dev/null'
            StrictHostKeyChecking = 'yes'
            IdentitiesOnly        = 'yes'
            BatchMode             = 'yes'
            ConnectTimeout        = '20'
        }
        LogPath        = $log
        Process        = $null
    }
    if ($check.ExitCode -ne 0) {
        Stop-LoopbackSshd $sshd
        throw "sshd rejects the test's config: $($check.Output)"
    }

    # -D: stay in the foreground as our child, so the process object is what Stop-LoopbackSshd kills.
    # Where setpriv is at hand, sshd also gets SIGTERM when this pwsh dies without running AfterAll
    # (killed, or Ctrl+C at a bad moment): no sshd outlives the test run. setpriv execs sshd, so the
    # process is still sshd itself.
    $sshdCommand = @($script:SshdPath, '-D', '-f', $config, '-E', $log)
    $setpriv = Get-Command setpriv -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($IsLinux -and $setpriv) { $sshdCommand = @($setpriv.Source, '--pdeathsig', 'TERM', '--') + $sshdCommand }
    $info = [System.Diagnostics.ProcessStartInfo]::new($sshdCommand[0])
    foreach ($argument in $sshdCommand | Select-Object -Skip 1) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $sshd.Process = [System.Diagnostics.Process]::Start($info)

    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    while ($true) {
        if ($sshd.Process.HasExited) {
            Stop-LoopbackSshd $sshd
            throw "sshd exited with code $($sshd.Process.ExitCode) before listening: $(Get-LastLines (Get-Content $log -Raw -ErrorAction SilentlyContinue) 5)"
        }
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            if ($client.ConnectAsync([System.Net.IPAddress]::Loopback, $port).Wait(1000) -and $client.Connected) { break }
        }
        catch { }
        finally { $client.Dispose() }
        if ($watch.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            Stop-LoopbackSshd $sshd
            throw "sshd did not listen on 127.0.0.1:$port within $TimeoutSeconds s: $(Get-LastLines (Get-Content $log -Raw -ErrorAction SilentlyContinue) 5)"
        }
        Start-Sleep -Milliseconds 100
    }
    $sshd
}

function Stop-LoopbackSshd {
    # Stops the sshd (its sessions' processes go with it) and removes its folder.
    param([Parameter(Mandatory)] [AllowNull()] $Sshd)
    if ($null -eq $Sshd) { return }
    if ($Sshd.Process) {
        if (-not $Sshd.Process.HasExited) {
            # The whole tree: sshd -D and the per-connection sshd and pwsh processes under it.
            $Sshd.Process.Kill($true)
            $null = $Sshd.Process.WaitForExit(10000)
        }
        $Sshd.Process.Dispose()
    }
    Remove-Item $Sshd.Directory -Recurse -Force -ErrorAction SilentlyContinue
}

function New-LoopbackPSSession {
    # PowerShell remoting sessions over the test's sshd, one per host name (opened in parallel).
    param([Parameter(Mandatory)] $Sshd, [string[]] $HostName = 'localhost', [string[]] $Name)
    $named = if ($Name) { @{ Name = $Name } } else { @{} }
    New-PSSession -HostName $HostName -Port $Sshd.Port -UserName $Sshd.UserName -KeyFilePath $Sshd.KeyFilePath `
        -Options $Sshd.Options -ConnectingTimeout 60000 -ErrorAction Stop @named
}

Export-ModuleMember -Function Install-LoopbackSshd, Start-LoopbackSshd, Stop-LoopbackSshd, New-LoopbackPSSession

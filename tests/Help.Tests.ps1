# The help users get offline (Get-Help <cmdlet> -Full) is complete and true to the cmdlets:
# synopsis, description, three examples or more, a description for every parameter, no parameter
# that does not exist, inputs and outputs; and docs/<cmdlet>.md agrees with the cmdlet's metadata.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    $commands = @(Get-Command -Module EchoNet -CommandType Cmdlet, Function | Sort-Object Name | ForEach-Object {
            $command = $_
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters
            @{
                Name       = $command.Name
                Parameters = @($command.Parameters.Keys | Where-Object { $common -notcontains $_ } | ForEach-Object { @{ Name = $_; Command = $command.Name } })
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot '../tools/HelpMarkdown.psm1') -Force
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters

    function Get-HelpText {
        # The text of a help field: strings, or objects with a Text property, or nothing.
        param($Value)
        (@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }

    function Get-HelpProblem {
        <#
            Everything wrong with one cmdlet's help object, as readable strings; empty when the help
            is complete. Takes the Get-Help object so a test can show it catches a doctored one.
        #>
        param($Help, [System.Management.Automation.CommandInfo] $Command)
        $problems = [System.Collections.Generic.List[string]]::new()
        $synopsis = "$($Help.Synopsis)".Trim()
        # Without MAML, Get-Help makes up a synopsis from the syntax.
        if (-not $synopsis -or $synopsis -match 'TODO' -or $synopsis.StartsWith($Command.Name)) { $problems.Add('no synopsis') }
        $description = Get-HelpText $Help.description
        if (-not $description.Trim() -or $description -match 'TODO') { $problems.Add('no description') }
        $examples = @(if ($Help.PSObject.Properties['examples'] -and $Help.examples) { $Help.examples.example })
        if ($examples.Count -lt 3) { $problems.Add("$($examples.Count) examples, fewer than 3") }
        foreach ($e in $examples) { if (-not "$($e.code)".Trim() -or "$($e.code)" -match 'TODO') { $problems.Add("example '$($e.title)' has no code") } }
        $documented = @(if ($Help.parameters -and $Help.parameters.PSObject.Properties['parameter']) { $Help.parameters.parameter })
        foreach ($name in $Command.Parameters.Keys) {
            if ($Common -contains $name) { continue }
            $p = $documented | Where-Object name -EQ $name
            $text = if ($p) { Get-HelpText $p.description } else { '' }
            if (-not $text.Trim() -or $text -match 'TODO') { $problems.Add("parameter -$name has no description") }
        }
        foreach ($p in $documented) {
            if (-not $Command.Parameters.ContainsKey($p.name)) { $problems.Add("help names parameter -$($p.name), which does not exist") }
        }
        $inputs = @($(if ($Help.PSObject.Properties['inputTypes'] -and $Help.inputTypes) { $Help.inputTypes.inputType }) | Where-Object { "$($_.type.name)".Trim() })
        if ($inputs.Count -eq 0) { $problems.Add('no inputs') }
        $outputs = @($(if ($Help.PSObject.Properties['returnValues'] -and $Help.returnValues) { $Help.returnValues.returnValue }) | Where-Object { "$($_.type.name)".Trim() })
        if ($outputs.Count -eq 0) { $problems.Add('no outputs') }
        $problems.ToArray()
    }
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll {
        $command = Get-Command $Name -Module EchoNet
        $help = Get-Help $Name -Full
        $doc = Join-Path $PSScriptRoot "../docs/$Name.md"
    }

    It 'is found offline and complete' {
        Get-HelpProblem -Help $help -Command $command | Should -BeNullOrEmpty
    }

    It 'has a synopsis' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)" | Should -Not -Match '^\s*\S+-\S+ \[' -Because 'a synopsis that is the syntax means no MAML help was found'
    }

    It 'has a description' {
        (Get-HelpText $help.description).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($e in $examples) { "$($e.code)".Trim() | Should -Not -BeNullOrEmpty }
    }

    It 'describes parameter -<Name>' -ForEach $Parameters {
        $p = @($help.parameters.parameter | Where-Object name -EQ $Name)
        $p.Count | Should -Be 1 -Because "-$Name must be in the help of $Command"
        (Get-HelpText $p[0].description).Trim() | Should -Not -BeNullOrEmpty -Because "-$Name of $Command needs a description"
        (Get-HelpText $p[0].description) | Should -Not -Match 'TODO'
    }

    It 'names no parameter that does not exist' {
        $documented = @($help.parameters.parameter | ForEach-Object name)
        $documented.Count | Should -BeGreaterThan 0
        $documented | Where-Object { -not $command.Parameters.ContainsKey($_) } | Should -BeNullOrEmpty
    }

    It 'has inputs and outputs, and names every declared output type' {
        @($help.inputTypes.inputType | Where-Object { "$($_.type.name)".Trim() }).Count | Should -BeGreaterThan 0
        $outputs = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() })
        $outputs.Count | Should -BeGreaterThan 0
        foreach ($t in $command.OutputType) { $outputs | Should -Contain $t.Name }
    }

    It 'has a markdown source whose syntax matches the cmdlet' {
        $doc | Should -Exist -Because "run 'build.ps1 HelpSkeleton' to start docs/$Name.md"
        $model = ConvertFrom-HelpMarkdown -Path $doc
        $model.Name | Should -Be $Name
        $facts = Get-CommandHelpFacts -Command $command
        ($model.Syntax | ForEach-Object { "$($_.Name)|$($_.IsDefault)|$($_.Text)" }) |
            Should -Be ($facts.Syntax | ForEach-Object { "$($_.Name)|$($_.IsDefault)|$($_.Text)" })
    }

    It 'has a markdown source whose parameter facts match the cmdlet' {
        $model = ConvertFrom-HelpMarkdown -Path $doc
        $facts = Get-CommandHelpFacts -Command $command
        ($model.Parameters.Name | Sort-Object) | Should -Be ($facts.Parameters.Name | Sort-Object)
        foreach ($f in $facts.Parameters) {
            $m = $model.Parameters | Where-Object Name -EQ $f.Name
            $because = "docs/$Name.md, -$($f.Name)"
            $m.Type | Should -Be $f.Type -Because $because
            ($m.Sets -join ', ') | Should -Be ($f.Sets -join ', ') -Because $because
            ($m.Aliases -join ', ') | Should -Be ($f.Aliases -join ', ') -Because $because
            $m.Required | Should -Be $f.Required -Because $because
            $m.Position | Should -Be $f.Position -Because $because
            # "True (ByValue, ByPropertyName)" and "True (ByPropertyName, ByValue)" say the same.
            $order = { param($v) (($v -split '[\s(),]+' | Where-Object { $_ }) | Sort-Object) -join ' ' }
            (& $order $m.Pipeline) | Should -Be (& $order $f.Pipeline) -Because $because
            # A default the class does not show (WhatIf, Confirm) or a mandatory one is not compared.
            if ($null -ne $f.DefaultValue -and $f.Required -ne 'True') {
                $ok = $m.DefaultValue.StartsWith($f.DefaultValue) -or ($m.DefaultValue -eq 'None' -and $f.DefaultValue -in '0', 'False', 'None')
                $ok | Should -BeTrue -Because "$because documents default '$($m.DefaultValue)' but the cmdlet's is '$($f.DefaultValue)'"
            }
        }
    }
}

Describe 'The help checks themselves' {
    It 'fail when a parameter lacks a description' {
        $help = Get-Help Stop-EchoServer -Full
        (Get-HelpProblem -Help $help -Command (Get-Command Stop-EchoServer)) | Should -BeNullOrEmpty
        $target = $help.parameters.parameter | Where-Object name -EQ 'PassThru'
        $target.description = $null
        Get-HelpProblem -Help $help -Command (Get-Command Stop-EchoServer) | Should -Contain 'parameter -PassThru has no description'
    }

    It 'fail when the help names a parameter that does not exist' {
        $help = Get-Help Get-EchoServer -Full
        $fake = $help.parameters.parameter[0].PSObject.Copy()
        $fake.name = 'NoSuchParameter'
        $help.parameters.parameter = @($help.parameters.parameter) + $fake
        Get-HelpProblem -Help $help -Command (Get-Command Get-EchoServer) | Should -Contain 'help names parameter -NoSuchParameter, which does not exist'
    }

    It 'fail for a cmdlet without MAML help' {
        # Get-Help makes up help from the syntax when there is no MAML; the checks must see that.
        $fake = [pscustomobject]@{
            Synopsis     = 'Get-EchoServer [-Id] <int[]> [<CommonParameters>]'
            description  = $null
            examples     = $null
            parameters   = $null
            inputTypes   = $null
            returnValues = $null
        }
        $problems = Get-HelpProblem -Help $fake -Command (Get-Command Get-EchoServer)
        $problems | Should -Contain 'no synopsis'
        $problems | Should -Contain 'no description'
        $problems | Should -Contain 'parameter -Id has no description'
        $problems | Should -Contain 'no inputs'
    }
}

Describe 'about_EchoNet' {
    It 'is found by Get-Help and covers the guide topics' {
        $text = Get-Help about_EchoNet | Out-String
        $text | Should -Match 'about_EchoNet'
        foreach ($topic in 'FIREWALL', 'SCRIPTED TCP CONVERSATIONS', 'UDP CHECKS', 'URL PARSING') { $text | Should -Match $topic }
    }

    It 'names every exported command' {
        $text = Get-Content (Join-Path $PSScriptRoot '../module/en-US/about_EchoNet.help.txt') -Raw
        foreach ($c in Get-Command -Module EchoNet) { $text | Should -Match ([regex]::Escape($c.Name)) }
    }
}

Describe 'The generated MAML' {
    It 'is what the generator makes from docs/*.md now' {
        $docs = Get-ChildItem (Join-Path $PSScriptRoot '../docs') -Filter '*-*.md'
        $fresh = Join-Path $TestDrive 'EchoNet.dll-Help.xml'
        ConvertTo-MamlHelp -Help @($docs | ForEach-Object { ConvertFrom-HelpMarkdown -Path $_.FullName }) -Path $fresh
        $shipped = Join-Path $PSScriptRoot '../en-US/EchoNet.dll-Help.xml'
        (Get-Content $shipped -Raw) | Should -BeExactly (Get-Content $fresh -Raw) -Because 'build.ps1 Build (Help) regenerates it'
    }

    It 'is valid XML with one command element per exported cmdlet' {
        $xml = [xml](Get-Content (Join-Path $PSScriptRoot '../module/en-US/EchoNet.dll-Help.xml') -Raw)
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names = @($xml.SelectNodes('//command:command/command:details/command:name', $ns) | ForEach-Object InnerText)
        $cmdlets = @(Get-Command -Module EchoNet -CommandType Cmdlet | ForEach-Object Name)
        $cmdlets | Where-Object { $names -notcontains $_ } | Should -BeNullOrEmpty
    }
}

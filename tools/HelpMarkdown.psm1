<#
    EchoNet's help generator: platyPS-style markdown (docs/<Cmdlet>.md) to MAML
    (<Assembly>.dll-Help.xml), written here because platyPS is not on the package feed.

    ConvertFrom-HelpMarkdown  parse one docs/*.md file into a help model (a PSCustomObject)
    ConvertTo-MamlHelp        write the MAML file for a set of help models
    Get-CommandHelpFacts      the same facts read from a live cmdlet (for tests and skeletons)
    New-HelpMarkdown          a markdown skeleton for a cmdlet that has no docs yet

    Markdown layout (the subset of platyPS's schema 2.0.0 that EchoNet uses):
      # <Name>
      ## SYNOPSIS | SYNTAX (### <Set> [(Default)] + code block) | DESCRIPTION
      ## EXAMPLES (### Example N: <title> [interactive], a powershell block, then remarks)
      ## PARAMETERS (### -<Name>, description, a yaml block) | INPUTS | OUTPUTS (### <Type>)
      ## NOTES | RELATED LINKS
    An example whose title ends with "[interactive]" is shipped but not run by the tests.
    Nothing here loads the module: the generator runs in the build session without locking it.
#>

Set-StrictMode -Version Latest

$script:Ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Split-MarkdownSection {
    # Splits lines into sections at headings of the given level, keeping code blocks intact.
    param([string[]] $Lines, [int] $Level)
    $prefix = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inCode = -not $inCode }
        if (-not $inCode -and $line.StartsWith($prefix)) {
            $current = [pscustomobject]@{ Title = $line.Substring($prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        }
        elseif ($current) { $current.Lines.Add($line) }
    }
    , $sections
}

function Get-CodeBlock {
    # The fenced code blocks in lines: info string and text, plus the lines outside any block.
    param([string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $prose = [System.Collections.Generic.List[string]]::new()
    $code = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*```\s*(\S*)') {
            if ($null -eq $code) { $code = [pscustomobject]@{ Info = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() }; continue }
            $blocks.Add([pscustomobject]@{ Info = $code.Info; Text = ($code.Lines -join "`n") })
            $code = $null
            continue
        }
        if ($null -ne $code) { $code.Lines.Add($line) } else { $prose.Add($line) }
    }
    if ($null -ne $code) { throw "A code block is not closed: ``````$($code.Info)" }
    [pscustomobject]@{ Blocks = $blocks.ToArray(); Prose = $prose.ToArray() }
}

function ConvertTo-Paragraph {
    # Markdown prose to paragraphs: blank lines separate them; list, table and indented lines keep
    # their line breaks, other lines of a paragraph are joined with spaces.
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($current.Count -gt 0) {
            $text = ''
            foreach ($l in $current) {
                if ($text -eq '') { $text = $l.TrimEnd() }
                elseif ($l -match '^\s*([-*|]|\d+\.)\s' -or $l -match '^\s{2,}') { $text += "`n" + $l.TrimEnd() }
                else { $text += ' ' + $l.Trim() }
            }
            $paragraphs.Add($text)
            $current.Clear()
        }
    }
    foreach ($line in $Lines) {
        if ($line.Trim() -eq '') { & $flush } else { $current.Add($line) }
    }
    & $flush
    , $paragraphs.ToArray()
}

function ConvertFrom-YamlBlock {
    # The flat "Key: value" yaml platyPS writes for a parameter.
    param([string] $Text)
    $map = [ordered]@{}
    foreach ($line in $Text -split "`n") {
        if ($line -match '^\s*([^:]+):\s*(.*)$') { $map[$Matches[1].Trim()] = $Matches[2].Trim() }
    }
    $map
}

function ConvertFrom-HelpMarkdown {
    <#
    .SYNOPSIS
        Parses a docs/<Cmdlet>.md file into a help model; throws on a layout error, naming the file.
    #>
    param([Parameter(Mandatory, ValueFromPipeline)] [string] $Path)
    process {
        $file = Split-Path $Path -Leaf
        $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
        # Front matter (--- ... ---) is for people and other tools; skip it.
        if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
            $end = [Array]::IndexOf($lines, '---', 1)
            if ($end -lt 0) { throw "${file}: the front matter is not closed" }
            $lines = @($lines | Select-Object -Skip ($end + 1))
        }
        $top = Split-MarkdownSection -Lines $lines -Level 1
        if ($top.Count -ne 1) { throw "${file}: expected exactly one '# <Cmdlet>' heading, found $($top.Count)" }
        $name = $top[0].Title
        $sections = @{}
        foreach ($s in (Split-MarkdownSection -Lines $top[0].Lines -Level 2)) { $sections[$s.Title.ToUpperInvariant()] = $s.Lines.ToArray() }
        $section = { param($key) if ($sections.ContainsKey($key)) { $sections[$key] } else { @() } }

        $syntaxLines = & $section 'SYNTAX'
        $syntaxSets = Split-MarkdownSection -Lines $syntaxLines -Level 3
        if ($syntaxSets.Count -eq 0) {
            # platyPS writes a cmdlet with one parameter set without a set heading.
            $syntaxSets = @([pscustomobject]@{ Title = '__AllParameterSets'; Lines = $syntaxLines })
        }
        $syntax = foreach ($s in $syntaxSets) {
            $setName = $s.Title -replace '\s*\(Default\)\s*$', ''
            $code = Get-CodeBlock -Lines $s.Lines
            [pscustomobject]@{
                Name      = $setName
                IsDefault = $s.Title -match '\(Default\)\s*$'
                Text      = if ($code.Blocks.Count) { $code.Blocks[0].Text.Trim() } else { '' }
            }
        }

        $examples = foreach ($s in (Split-MarkdownSection -Lines (& $section 'EXAMPLES') -Level 3)) {
            $code = Get-CodeBlock -Lines $s.Lines
            if ($code.Blocks.Count -ne 1) { throw "${file}: example '$($s.Title)' must have exactly one code block, has $($code.Blocks.Count)" }
            [pscustomobject]@{
                Title       = $s.Title
                Interactive = $s.Title -match '\[interactive\]\s*$'
                Code        = $code.Blocks[0].Text.TrimEnd()
                Remarks     = ConvertTo-Paragraph $code.Prose
            }
        }

        $parameters = foreach ($s in (Split-MarkdownSection -Lines (& $section 'PARAMETERS') -Level 3)) {
            if ($s.Title -eq 'CommonParameters') { continue }
            if (-not $s.Title.StartsWith('-')) { throw "${file}: parameter heading '$($s.Title)' must be '### -<Name>'" }
            $code = Get-CodeBlock -Lines $s.Lines
            $yaml = @($code.Blocks | Where-Object Info -EQ 'yaml')
            if ($yaml.Count -ne 1) { throw "${file}: parameter $($s.Title) needs exactly one yaml block" }
            $y = ConvertFrom-YamlBlock $yaml[0].Text
            $get = { param($k, $d) if ($y.Contains($k) -and $y[$k] -ne '') { $y[$k] } else { $d } }
            [pscustomobject]@{
                Name         = $s.Title.Substring(1)
                Description  = ConvertTo-Paragraph $code.Prose
                Type         = & $get 'Type' ''
                Sets         = @((& $get 'Parameter Sets' '(All)') -split ',\s*')
                Aliases      = @((& $get 'Aliases' '') -split ',\s*' | Where-Object { $_ })
                Required     = & $get 'Required' 'False'
                Position     = & $get 'Position' 'Named'
                DefaultValue = & $get 'Default value' 'None'
                Pipeline     = & $get 'Accept pipeline input' 'False'
                Wildcards    = & $get 'Accept wildcard characters' 'False'
            }
        }

        $typed = {
            param($key)
            foreach ($s in (Split-MarkdownSection -Lines (& $section $key) -Level 3)) {
                [pscustomobject]@{ Type = $s.Title; Description = ConvertTo-Paragraph $s.Lines }
            }
        }

        $links = foreach ($line in (& $section 'RELATED LINKS')) {
            if ($line -match '^\s*[-*]?\s*\[([^\]]+)\]\(([^)]*)\)') {
                # A link to a sibling .md file is a command name for Get-Help, not a URI.
                $uri = if ($Matches[2] -match '\.md$') { '' } else { $Matches[2] }
                [pscustomobject]@{ Text = $Matches[1]; Uri = $uri }
            }
            elseif ($line -match '^\s*[-*]\s+(\S.*)$') { [pscustomobject]@{ Text = $Matches[1].Trim(); Uri = '' } }
        }

        [pscustomobject]@{
            File        = $file
            Name        = $name
            Synopsis    = (ConvertTo-Paragraph (& $section 'SYNOPSIS')) -join ' '
            Syntax      = @($syntax)
            Description = ConvertTo-Paragraph (& $section 'DESCRIPTION')
            Examples    = @($examples)
            Parameters  = @($parameters)
            Inputs      = @(& $typed 'INPUTS')
            Outputs     = @(& $typed 'OUTPUTS')
            Notes       = ConvertTo-Paragraph (& $section 'NOTES')
            Links       = @($links)
        }
    }
}

function Get-SetValue {
    # "True" applies to every set; "True (Bytes), False (Text)" gives a value per set.
    param([string] $Value, [string] $Set)
    if ($Value -notmatch '\(') { return $Value }
    foreach ($part in $Value -split ',\s*(?![^()]*\))') {
        if ($part -match '^\s*(.+?)\s*\(([^)]*)\)\s*$' -and ($Matches[2] -split ',\s*') -contains $Set) { return $Matches[1] }
    }
    $Value
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        Writes one MAML help file (UTF-8, no BOM, LF) for the given help models.
    #>
    param(
        [Parameter(Mandatory)] [object[]] $Help,
        [Parameter(Mandatory)] [string] $Path
    )
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $Path)
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($h in ($Help | Sort-Object Name)) { Write-MamlCommand $w $h }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

function Write-Para {
    param($w, [string[]] $Paragraphs)
    $Paragraphs = @($Paragraphs | Where-Object { $_ })
    if ($Paragraphs.Count -eq 0) { $w.WriteElementString('para', $Ns.maml, ''); return }
    foreach ($p in $Paragraphs) { $w.WriteElementString('para', $Ns.maml, $p) }
}

function Write-Description {
    param($w, [string[]] $Paragraphs)
    $w.WriteStartElement('maml', 'description', $Ns.maml)
    Write-Para $w $Paragraphs
    $w.WriteEndElement()
}

function Write-MamlParameter {
    param($w, $p, [string] $Set)
    $isSwitch = $p.Type -eq 'SwitchParameter'
    $w.WriteStartElement('command', 'parameter', $Ns.command)
    $w.WriteAttributeString('required', (Get-SetValue $p.Required $Set).ToLowerInvariant())
    $w.WriteAttributeString('variableLength', ($p.Type.EndsWith('[]')).ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', $p.Wildcards.ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-SetValue $p.Pipeline $Set))
    $w.WriteAttributeString('position', (Get-SetValue $p.Position $Set).ToLowerInvariant())
    $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('name', $Ns.maml, $p.Name)
    Write-Description $w $p.Description
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $Ns.command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString($p.Type)
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $Ns.dev)
    $w.WriteElementString('name', $Ns.maml, $p.Type)
    $w.WriteElementString('uri', $Ns.maml, '')
    $w.WriteEndElement()
    $w.WriteElementString('defaultValue', $Ns.dev, $p.DefaultValue)
    $w.WriteEndElement()
}

function Write-MamlCommand {
    param($w, $h)
    $verb, $noun = $h.Name -split '-', 2
    $w.WriteStartElement('command', 'command', $Ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $Ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $Ns.dev)

    $w.WriteStartElement('command', 'details', $Ns.command)
    $w.WriteElementString('name', $Ns.command, $h.Name)
    $w.WriteElementString('verb', $Ns.command, $verb)
    $w.WriteElementString('noun', $Ns.command, $noun)
    Write-Description $w @($h.Synopsis)
    $w.WriteEndElement()

    Write-Description $w $h.Description

    # Syntax: one item per parameter set named in SYNTAX, holding the parameters of that set.
    $w.WriteStartElement('command', 'syntax', $Ns.command)
    $sets = if ($h.Syntax.Count) { $h.Syntax.Name } else { @('(All)') }
    foreach ($set in $sets) {
        $w.WriteStartElement('command', 'syntaxItem', $Ns.command)
        $w.WriteElementString('name', $Ns.maml, $h.Name)
        $inSet = @($h.Parameters | Where-Object { $_.Sets -contains '(All)' -or $_.Sets -contains $set })
        # Positional parameters first, in position order, as PowerShell itself lists them.
        $ordered = @($inSet | Sort-Object { $pos = Get-SetValue $_.Position $set; if ($pos -match '^\d+$') { [int]$pos } else { [int]::MaxValue } }, { $inSet.IndexOf($_) })
        foreach ($p in $ordered) { Write-MamlParameter $w $p $set }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($p in $h.Parameters) { Write-MamlParameter $w $p ($p.Sets[0]) }
    $w.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $h.Inputs), @('returnValues', 'returnValue', $h.Outputs))) {
        $w.WriteStartElement('command', $kind[0], $Ns.command)
        foreach ($t in $kind[2]) {
            $w.WriteStartElement('command', $kind[1], $Ns.command)
            $w.WriteStartElement('dev', 'type', $Ns.dev)
            $w.WriteElementString('name', $Ns.maml, $t.Type)
            $w.WriteEndElement()
            Write-Description $w $t.Description
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    $w.WriteStartElement('maml', 'alertSet', $Ns.maml)
    $w.WriteStartElement('maml', 'alert', $Ns.maml)
    Write-Para $w $h.Notes
    $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($e in $h.Examples) {
        $w.WriteStartElement('command', 'example', $Ns.command)
        $w.WriteElementString('title', $Ns.maml, "-------------------------- $($e.Title) --------------------------")
        $w.WriteElementString('code', $Ns.dev, $e.Code)
        $w.WriteStartElement('dev', 'remarks', $Ns.dev)
        Write-Para $w $e.Remarks
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($l in $h.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        $w.WriteElementString('linkText', $Ns.maml, $l.Text)
        $w.WriteElementString('uri', $Ns.maml, $l.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

function Get-CommandHelpFacts {
    <#
    .SYNOPSIS
        What the help must say about a live cmdlet, in the markdown's terms: parameter sets with
        their syntax, and per parameter its type, sets, aliases, required, position, pipeline
        input and default value (read from a new instance of the cmdlet class).
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $instance = $null
    if ($Command -is [System.Management.Automation.CmdletInfo]) {
        try { $instance = [Activator]::CreateInstance($Command.ImplementingType) } catch { $instance = $null }
    }
    $allSets = @($Command.ParameterSets | ForEach-Object Name)
    $perSet = {
        param($p, [scriptblock] $Pick)
        $values = [ordered]@{}
        foreach ($entry in $p.ParameterSets.GetEnumerator()) { $values[$entry.Key] = [string](& $Pick $entry.Value) }
        $distinct = @($values.Values | Select-Object -Unique)
        if ($distinct.Count -eq 1) { return $distinct[0] }
        ($values.GetEnumerator() | Group-Object Value | ForEach-Object { '{0} ({1})' -f $_.Name, (($_.Group | ForEach-Object Key) -join ', ') }) -join ', '
    }
    $parameters = foreach ($p in $Command.Parameters.Values) {
        if ($common -contains $p.Name) { continue }
        $sets = @($p.ParameterSets.Keys)
        # Null when the cmdlet class does not say (WhatIf and Confirm belong to the engine).
        $default = $null
        if ($instance -and $instance.PSObject.Properties[$p.Name]) {
            $default = 'None'
            $value = $instance.($p.Name)
            if ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }
            if ($value -is [System.Text.Encoding]) { $value = $value.WebName }
            if ($null -ne $value) { $default = (@($value) | ForEach-Object { "$_" }) -join ', ' }
            if ($default -eq '') { $default = 'None' }
        }
        [pscustomobject]@{
            Name         = $p.Name
            Type         = $p.ParameterType.Name
            Sets         = if ($sets -contains '__AllParameterSets' -or ($allSets.Count -gt 1 -and $sets.Count -eq $allSets.Count)) { @('(All)') } else { $sets }
            Aliases      = @($p.Aliases)
            Required     = & $perSet $p { param($m) if ($m.IsMandatory) { 'True' } else { 'False' } }
            Position     = & $perSet $p { param($m) if ($m.Position -ge 0) { $m.Position } else { 'Named' } }
            Pipeline     = & $perSet $p {
                param($m)
                $how = @(if ($m.ValueFromPipeline) { 'ByValue' }; if ($m.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                if ($how.Count) { 'True ({0})' -f ($how -join ', ') } else { 'False' }
            }
            DefaultValue = $default
        }
    }
    $syntax = foreach ($s in $Command.ParameterSets) {
        [pscustomobject]@{ Name = $s.Name; IsDefault = $s.IsDefault; Text = "$($Command.Name) $s".Trim() }
    }
    [pscustomobject]@{ Name = $Command.Name; Syntax = @($syntax); Parameters = @($parameters) }
}

function New-HelpMarkdown {
    <#
    .SYNOPSIS
        A docs/<Cmdlet>.md skeleton from a live cmdlet: syntax and parameter facts filled in,
        every description a TODO that the help tests reject until it is written.
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [string] $ModuleName = 'EchoNet')
    $f = Get-CommandHelpFacts -Command $Command
    $sb = [System.Text.StringBuilder]::new()
    $add = { param($line) $null = $sb.Append($line).Append("`n") }
    & $add '---'
    & $add "external help file: $ModuleName.dll-Help.xml"
    & $add "Module Name: $ModuleName"
    & $add 'schema: 2.0.0'
    & $add '---'
    & $add ''
    & $add "# $($f.Name)"
    & $add ''
    & $add '## SYNOPSIS'
    & $add 'TODO: one line.'
    & $add ''
    & $add '## SYNTAX'
    foreach ($s in $f.Syntax) {
        & $add ''
        & $add ('### {0}{1}' -f $s.Name, $(if ($s.IsDefault) { ' (Default)' } else { '' }))
        & $add '```'
        & $add $s.Text
        & $add '```'
    }
    & $add ''
    & $add '## DESCRIPTION'
    & $add 'TODO'
    & $add ''
    & $add '## EXAMPLES'
    foreach ($n in 1..3) {
        & $add ''
        & $add "### Example ${n}: TODO"
        & $add '```powershell'
        & $add "`$server = Start-EchoServer -Port 0"
        & $add "# TODO"
        & $add "`$server | Stop-EchoServer"
        & $add '```'
        & $add ''
        & $add 'TODO'
    }
    & $add ''
    & $add '## PARAMETERS'
    foreach ($p in $f.Parameters) {
        & $add ''
        & $add "### -$($p.Name)"
        & $add 'TODO'
        & $add ''
        & $add '```yaml'
        & $add "Type: $($p.Type)"
        & $add "Parameter Sets: $($p.Sets -join ', ')"
        & $add "Aliases: $($p.Aliases -join ', ')"
        & $add ''
        & $add "Required: $($p.Required)"
        & $add "Position: $($p.Position)"
        & $add ('Default value: {0}' -f $(if ($p.Required -eq 'True') { 'None' } elseif ($null -ne $p.DefaultValue) { $p.DefaultValue } elseif ($p.Type -eq 'SwitchParameter') { 'False' } else { 'None' }))
        & $add "Accept pipeline input: $($p.Pipeline)"
        & $add 'Accept wildcard characters: False'
        & $add '```'
    }
    & $add ''
    & $add '### CommonParameters'
    & $add 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see about_CommonParameters.'
    & $add ''
    & $add '## INPUTS'
    & $add ''
    & $add '### None'
    & $add 'TODO'
    & $add ''
    & $add '## OUTPUTS'
    foreach ($t in $Command.OutputType) {
        & $add ''
        & $add "### $($t.Name)"
        & $add 'TODO'
    }
    & $add ''
    & $add '## NOTES'
    & $add ''
    & $add '## RELATED LINKS'
    & $add ''
    & $add '- about_EchoNet'
    $sb.ToString()
}

Export-ModuleMember -Function ConvertFrom-HelpMarkdown, ConvertTo-MamlHelp, Get-CommandHelpFacts, New-HelpMarkdown

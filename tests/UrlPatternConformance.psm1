# Runs the vendored WPT URLPattern data (tests/data/urlpattern) against EchoNet's core
# UrlPattern, checking what WPT's urlpattern/resources/urlpatterntests.js checks: construction
# (or its error), each component's pattern string (filled in as that harness fills it), test(),
# exec() with inputs and groups. Each runner returns
# @{ Name; Passed; Total; Failures; NotExpressible } where NotExpressible lists, by case, the cases
# whose JavaScript regexp .NET cannot say (UrlPatternNotSupportedException), with the reason.

Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1')

$script:Components = 'protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'
$script:Earlier = @{
    protocol = @(); hostname = @('protocol'); port = @('protocol', 'hostname'); username = @(); password = @()
    pathname = @('protocol', 'hostname', 'port'); search = @('protocol', 'hostname', 'port', 'pathname')
    hash = @('protocol', 'hostname', 'port', 'pathname', 'search')
}

function ConvertTo-PatternInput($Value) {
    <# A JSON string stays a string; a JSON object becomes a UrlPatternInit. #>
    if ($Value -is [hashtable]) {
        $init = [EchoNet.UrlPatternInit]::new()
        # A WebIDL dictionary ignores keys it does not define (e.g. ignoreCase given as a component).
        foreach ($key in $Value.Keys) { if ([EchoNet.UrlPatternInit]::IsKnownKey($key)) { $init[$key] = [string]$Value[$key] } }
        return , $init
    }
    return $Value
}

function Get-CaseLabel($Case) {
    $text = "pattern $(ConvertTo-Json -InputObject $Case['pattern'] -Compress -Depth 5)"
    if ($Case.ContainsKey('inputs')) { $text += " inputs $(ConvertTo-Json -InputObject $Case['inputs'] -Compress -Depth 5)" }
    $text
}

function New-PatternRun([string] $Name) {
    [pscustomobject]@{ Name = $Name; Passed = 0; Total = 0; Failures = [System.Collections.Generic.List[string]]::new(); NotExpressible = [System.Collections.Generic.List[string]]::new() }
}

function Get-ExpectedPatternString($Case, [string] $Component) {
    # The expected pattern string as urlpatterntests.js fills it in when the case gives none.
    $expectedObj = $Case['expected_obj']
    if ($expectedObj -is [hashtable] -and $expectedObj.ContainsKey($Component)) { return $expectedObj[$Component] }
    $pattern = @($Case['pattern'])
    $first = if ($pattern.Count -gt 0) { $pattern[0] } else { $null }
    $baseUrl = $null
    if ($first -is [hashtable] -and $first['baseURL']) { $baseUrl = [EchoNet.WhatwgUrl]::new($first['baseURL']) }
    elseif ($pattern.Count -gt 1 -and $pattern[1] -is [string]) { $baseUrl = [EchoNet.WhatwgUrl]::new($pattern[1]) }
    if ($Case['exactly_empty_components'] -and @($Case['exactly_empty_components']) -contains $Component) { return '' }
    if ($first -is [hashtable] -and $first[$Component]) { return $first[$Component] }
    if ($first -is [hashtable] -and @($script:Earlier[$Component] | Where-Object { $first.ContainsKey($_) }).Count -gt 0) { return '*' }
    if ($baseUrl -and $Component -ne 'username' -and $Component -ne 'password') {
        $value = switch ($Component) {
            'protocol' { $baseUrl.Scheme }
            'search' { "$($baseUrl.Query)" }
            'hash' { "$($baseUrl.Fragment)" }
            default { $baseUrl.$Component }
        }
        return $value
    }
    '*'
}

function New-CasePattern($Case) {
    <# Builds the case's pattern as new URLPattern(...entry.pattern) would. #>
    $arguments = @($Case['pattern'])
    $input = if ($arguments.Count -gt 0) { ConvertTo-PatternInput $arguments[0] } else { $null }
    $baseUrl = [NullString]::Value # a $null would reach a [string] parameter as ''
    $ignoreCase = $false
    # JavaScript's overloads: (input, baseURL, options) with three arguments, where a dictionary in
    # the baseURL place becomes the string "[object Object]" and a string in the options place fails.
    if ($arguments.Count -eq 3 -and $arguments[1] -isnot [string]) { throw [System.ArgumentException]::new('options must be a dictionary') }
    foreach ($argument in ($arguments | Select-Object -Skip 1)) {
        if ($argument -is [string]) { $baseUrl = $argument }
        elseif ($argument -is [hashtable] -and $argument['ignoreCase']) { $ignoreCase = $true }
    }
    [EchoNet.UrlPattern]::Create($input, $baseUrl, $ignoreCase, $null)
}

function Compare-ExecResult($Case, $Result) {
    <# The first difference between an exec() result and the case's expected_match, or $null. #>
    $expected = $Case['expected_match']
    $inputs = @($Case['inputs'])
    $expectedInputs = @(if ($expected['inputs']) { $expected['inputs'] } else { $inputs })
    if ($Result.Inputs.Count -ne $expectedInputs.Count) { return "exec inputs count $($Result.Inputs.Count), expected $($expectedInputs.Count)" }
    for ($i = 0; $i -lt $expectedInputs.Count; $i++) {
        $actualInput = $Result.Inputs[$i]
        $expectedInput = $expectedInputs[$i]
        if ($expectedInput -is [string]) {
            if ($actualInput -isnot [string] -or $actualInput -cne $expectedInput) { return "exec inputs[$i] '$actualInput', expected '$expectedInput'" }
            continue
        }
        foreach ($component in $script:Components) {
            if ("$($actualInput[$component])" -cne "$($expectedInput[$component])") { return "exec inputs[$i].$component '$($actualInput[$component])'" }
        }
    }
    foreach ($component in $script:Components) {
        $expectedComponent = $expected[$component]
        if (-not $expectedComponent) {
            $groups = [ordered]@{}
            if (-not ($Case['exactly_empty_components'] -and @($Case['exactly_empty_components']) -contains $component)) { $groups['0'] = '' }
            $expectedComponent = @{ input = ''; groups = $groups }
        }
        $actual = $Result.$component
        if ($actual.Input -cne $expectedComponent['input']) { return "exec $component.input '$($actual.Input)', expected '$($expectedComponent['input'])'" }
        $expectedGroups = $expectedComponent['groups']
        if ($actual.Groups.Count -ne $expectedGroups.Count) {
            return "exec $component.groups $(($actual.Groups | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ','), expected $($expectedGroups.Count) groups"
        }
        foreach ($group in $actual.Groups) {
            if (-not $expectedGroups.Contains($group.Key)) { return "exec $component group '$($group.Key)' not expected" }
            $want = $expectedGroups[$group.Key]
            if ($null -eq $want) { if ($null -ne $group.Value) { return "exec $component group '$($group.Key)' = '$($group.Value)', expected undefined" } }
            elseif ($group.Value -cne $want) { return "exec $component group '$($group.Key)' = '$($group.Value)', expected '$want'" }
        }
    }
    $null
}

function Test-UrlPatternCase($Case) {
    <# $null when the case passes, else what differs. Throws UrlPatternNotSupportedException through. #>
    $expectError = $Case['expected_obj'] -eq 'error'
    try { $pattern = New-CasePattern $Case }
    catch {
        $inner = $_.Exception
        while ($inner -is [System.Management.Automation.MethodInvocationException] -and $inner.InnerException) { $inner = $inner.InnerException }
        if ($inner -is [EchoNet.UrlPatternNotSupportedException]) { throw $inner }
        if ($expectError) { return $null }
        return "construction failed: $($inner.Message)"
    }
    if ($expectError) { return 'construction succeeded, expected an error' }
    foreach ($component in $script:Components) {
        $expected = Get-ExpectedPatternString $Case $component
        $actual = $pattern.$component
        if ($actual -cne $expected) { return "$component pattern '$actual', expected '$expected'" }
    }
    if (-not $Case.ContainsKey('inputs')) { return $null }
    $inputs = @($Case['inputs'])
    $input = if ($inputs.Count -gt 0) { ConvertTo-PatternInput $inputs[0] } else { [EchoNet.UrlPatternInit]::new() }
    $base = if ($inputs.Count -gt 1) { [string]$inputs[1] } else { [NullString]::Value }
    if ($Case['expected_match'] -eq 'error') {
        $threwTest = $false; $threwExec = $false
        try { $null = $pattern.Test([object]$input, $base) } catch { $threwTest = $true }
        try { $null = $pattern.Exec([object]$input, $base) } catch { $threwExec = $true }
        if (-not ($threwTest -and $threwExec)) { return 'test()/exec() did not throw' }
        return $null
    }
    $expected = $Case['expected_match']
    $tested = $pattern.Test([object]$input, $base)
    if ($tested -ne [bool]$expected) { return "test() $tested, expected $([bool]$expected)" }
    $result = $pattern.Exec([object]$input, $base)
    if (-not $expected) {
        if ($null -ne $result) { return 'exec() matched, expected null' }
        return $null
    }
    if ($null -eq $result) { return 'exec() returned null' }
    Compare-ExecResult $Case $result
}

function Invoke-CaseList([string] $Name, $Cases, [scriptblock] $Check) {
    $run = New-PatternRun $Name
    foreach ($case in $Cases) {
        $run.Total++
        try { $problem = & $Check $case }
        catch {
            $inner = $_.Exception
            while ($inner.InnerException -and $inner -isnot [EchoNet.UrlPatternNotSupportedException]) { $inner = $inner.InnerException }
            if ($inner -is [EchoNet.UrlPatternNotSupportedException]) {
                $run.NotExpressible.Add("$(Get-CaseLabel $case) -> $($inner.Reason)")
                continue
            }
            $problem = "threw $($inner.GetType().Name): $($inner.Message) at $($_.InvocationInfo.ScriptLineNumber)"
        }
        if ($problem) { $run.Failures.Add("$(Get-CaseLabel $case) -> $problem") } else { $run.Passed++ }
    }
    $run
}

function Test-UrlPatternData([string] $Path) {
    $cases = ConvertFrom-WptJson $Path
    Invoke-CaseList 'urlpatterntestdata.json' $cases { param($case) Test-UrlPatternCase $case }
}

function Test-UrlPatternCompareData([string] $Path) {
    $cases = ConvertFrom-WptJson $Path
    Invoke-CaseList 'urlpattern-compare-test-data.json' $cases {
        param($case)
        $left = [EchoNet.UrlPattern]::Create((ConvertTo-PatternInput $case['left']), [NullString]::Value, $false, $null)
        $right = [EchoNet.UrlPattern]::Create((ConvertTo-PatternInput $case['right']), [NullString]::Value, $false, $null)
        $forward = [EchoNet.UrlPattern]::CompareComponent($case['component'], $left, $right)
        $backward = [EchoNet.UrlPattern]::CompareComponent($case['component'], $right, $left)
        $self = [EchoNet.UrlPattern]::CompareComponent($case['component'], $left, $left)
        if ($forward -ne $case['expected'] -or $backward -ne -$case['expected'] -or $self -ne 0) { "compare gave $forward / reverse $backward / self $self" }
    }
}

function Test-UrlPatternGenerateData([string] $Path) {
    $cases = ConvertFrom-WptJson $Path
    Invoke-CaseList 'urlpattern-generate-test-data.json' $cases {
        param($case)
        $pattern = [EchoNet.UrlPattern]::Create((ConvertTo-PatternInput $case['pattern']), [NullString]::Value, $false, $null)
        $groups = [System.Collections.Generic.Dictionary[string, string]]::new()
        foreach ($key in $case['groups'].Keys) { $groups[$key] = $case['groups'][$key] }
        try { $generated = $pattern.Generate($case['component'], $groups) } catch { $generated = $null }
        if ($generated -cne $case['expected']) { "generate gave '$generated', expected '$($case['expected'])'" }
    }
}

function Assert-PatternRun($Run, [int] $ExpectedTotal) {
    <# Prints passed / failed / not expressible (by case, with the reason) and fails on any failure. #>
    $failed = $Run.Failures.Count
    Write-Host ('{0}: {1} passed, {2} failed, {3} not expressible in .NET Regex (of {4})' -f $Run.Name, $Run.Passed, $failed, $Run.NotExpressible.Count, $Run.Total)
    foreach ($line in $Run.NotExpressible) { Write-Host "  not expressible: $line" }
    $first = ($Run.Failures | Select-Object -First 25) -join "`n  "
    $failed | Should -Be 0 -Because "these cases failed:`n  $first`n"
    $Run.Total | Should -Be $ExpectedTotal
}

Export-ModuleMember -Function Test-UrlPatternData, Test-UrlPatternCompareData, Test-UrlPatternGenerateData, Assert-PatternRun

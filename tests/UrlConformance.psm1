# Shared helpers for the URL tests: a JSON reader that keeps lone surrogates, and runners that
# check the WPT URL data against EchoNet's parser. Each runner returns
# @{ Name; Passed; Total; Failures } so a test can print counts and list what failed.

$script:UrlFields = 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'

function ConvertFrom-WptJson {
    <#
    .SYNOPSIS
    Reads a WPT JSON file. Unlike ConvertFrom-Json it keeps lone surrogate escapes (\uD800) as
    they are, and never turns date-like strings into dates. Objects become hashtables.
    #>
    param([Parameter(Mandatory)][string] $Path)

    $text = [System.IO.File]::ReadAllText($Path)
    $tokens = [regex]::Matches($text, '"(?:[^"\\]|\\.)*"|[{}\[\]]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null')
    $unescape = [System.Text.RegularExpressions.MatchEvaluator] {
        param($m)
        $e = $m.Groups[1].Value
        switch -CaseSensitive ($e[0]) {
            'u' { [string][char][Convert]::ToInt32($e.Substring(1), 16) }
            'n' { "`n" } 'r' { "`r" } 't' { "`t" } 'b' { "`b" } 'f' { "`f" }
            default { $e }
        }
    }
    # Iterative, so nesting depth cannot overflow anything. A frame is a container and, for an
    # object, the key waiting for its value.
    $frames = [System.Collections.Generic.Stack[object]]::new()
    $root = $null
    foreach ($match in $tokens) {
        $token = $match.Value
        $value = $null
        $isValue = $true
        $opened = $null
        switch -CaseSensitive ($token[0]) {
            '{' { $value = @{}; $opened = $value }
            '[' { $value = [System.Collections.Generic.List[object]]::new(); $opened = $value }
            '}' { [void]$frames.Pop(); $isValue = $false }
            ']' { [void]$frames.Pop(); $isValue = $false }
            '"' {
                $value = $token.Substring(1, $token.Length - 2)
                if ($value.IndexOf([char]'\') -ge 0) {
                    $value = [regex]::Replace($value, '\\(u[0-9a-fA-F]{4}|.)', $unescape)
                }
            }
            't' { $value = $true }
            'f' { $value = $false }
            'n' { $value = $null }
            default { $value = [double]::Parse($token, [cultureinfo]::InvariantCulture) }
        }
        if (-not $isValue) { continue }
        if ($frames.Count -eq 0) {
            $root = $value
        }
        else {
            $frame = $frames.Peek()
            if ($frame.Container -is [hashtable]) {
                if ($null -eq $frame.Key -and $null -eq $opened -and $token[0] -eq '"' -and -not $frame.HasKey) {
                    $frame.Key = $value
                    $frame.HasKey = $true
                    continue
                }
                $frame.Container[$frame.Key] = $value
                $frame.Key = $null
                $frame.HasKey = $false
            }
            else {
                $frame.Container.Add($value)
            }
        }
        if ($null -ne $opened) { $frames.Push([pscustomobject]@{ Container = $opened; Key = $null; HasKey = $false }) }
    }
    , $root
}

function Assert-AllPassed($Run, [int] $ExpectedTotal) {
    <# Prints a run's counts and fails with its first failures; the total guards against a reader that drops cases. #>
    Write-Host ('{0}: {1}/{2} passed' -f $Run.Name, $Run.Passed, $Run.Total)
    $first = ($Run.Failures | Select-Object -First 25) -join "`n  "
    $Run.Failures.Count | Should -Be 0 -Because "these cases failed:`n  $first`n"
    $Run.Total | Should -Be $ExpectedTotal
}

function New-RunResult([string] $Name) {
    [pscustomobject]@{ Name = $Name; Passed = 0; Total = 0; Failures = [System.Collections.Generic.List[string]]::new() }
}

function Add-Outcome($Run, [string] $Label, [string] $Problem) {
    $Run.Total++
    if ($Problem) { $Run.Failures.Add("$Label -> $Problem") } else { $Run.Passed++ }
}

function Format-Text($s) {
    # Shows control characters and surrogates readably in failure messages.
    if ($null -eq $s) { return '<null>' }
    $sb = [System.Text.StringBuilder]::new()
    foreach ($ch in $s.ToCharArray()) {
        if ([int]$ch -lt 0x20 -or ([int]$ch -ge 0x7F -and [int]$ch -le 0xA0) -or [char]::IsSurrogate($ch)) { [void]$sb.AppendFormat('\u{0:X4}', [int]$ch) }
        else { [void]$sb.Append($ch) }
    }
    "'$sb'"
}

function Invoke-UrlParse([string] $InputText, $Base) {
    if ($null -eq $Base) { [EchoNet.Url.UrlParser]::Parse($InputText, [NullString]::Value) }
    else { [EchoNet.Url.UrlParser]::Parse($InputText, [string]$Base) }
}

function Compare-UrlCase($Case, $Url) {
    <# Returns $null when $Url (a WhatwgUrl, or $null for failure) matches a urltestdata case, else why not. #>
    if ($Case['failure']) {
        if ($null -ne $Url) { return "expected failure, got $(Format-Text $Url.Href)" }
        return $null
    }
    if ($null -eq $Url) { return 'unexpected failure' }
    $problems = foreach ($field in $script:UrlFields) {
        if (-not $Case.ContainsKey($field)) { continue }
        $actual = $Url.$field
        if (-not [string]::Equals($actual, $Case[$field], [StringComparison]::Ordinal)) { "$field $(Format-Text $actual) expected $(Format-Text $Case[$field])" }
    }
    if ($Case.ContainsKey('searchParams')) {
        $actual = [EchoNet.Url.FormUrlEncoded]::Serialize($Url.QueryParameters)
        if (-not [string]::Equals($actual, $Case['searchParams'], [StringComparison]::Ordinal)) { "searchParams $(Format-Text $actual) expected $(Format-Text $Case['searchParams'])" }
    }
    if ($problems) { return ($problems -join '; ') }
    $null
}

function Test-UrlTestData {
    <# Every case of urltestdata.json (or the javascript-only file): all fields, failures, origin. #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($case in (ConvertFrom-WptJson $Path)) {
        if ($case -is [string]) { continue }
        $result = Invoke-UrlParse $case['input'] $case['base']
        $url = if ($result.IsValid) { $result.Url } else { $null }
        Add-Outcome $run "input $(Format-Text $case['input']) base $(Format-Text $case['base'])" (Compare-UrlCase $case $url)
    }
    $run
}

function ConvertTo-HostTestInput([string] $HostText) {
    # As WPT does: percent-encode the code points that would end the host, so all of the
    # input reaches the host parser.
    $sb = [System.Text.StringBuilder]::new()
    foreach ($ch in $HostText.ToCharArray()) {
        switch -CaseSensitive ($ch) {
            ':' { [void]$sb.Append('%3A') } '/' { [void]$sb.Append('%2F') } '?' { [void]$sb.Append('%3F') }
            '#' { [void]$sb.Append('%23') } '\' { [void]$sb.Append('%5C') }
            default { [void]$sb.Append($ch) }
        }
    }
    $sb.ToString()
}

function Test-HostData {
    <#
    toascii.json and IdnaTestV2.json, run through the URL parser as WPT does:
    new URL("https://<input>/x") must fail when output is null, else give host = hostname = output.
    #>
    param([Parameter(Mandatory)][string] $Path, [switch] $EncodeHostEnders)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($case in (ConvertFrom-WptJson $Path)) {
        if ($case -is [string]) { continue }
        $hostText = $case['input']
        if ($hostText -eq '') { continue } # WPT cannot test an empty host through the URL parser either
        if ($EncodeHostEnders) { $hostText = ConvertTo-HostTestInput $hostText }
        $result = [EchoNet.Url.UrlParser]::Parse("https://$hostText/x", [NullString]::Value)
        $expected = $case['output']
        $problem = $null
        if ($null -eq $expected) {
            if ($result.IsValid) { $problem = "expected failure, got host $(Format-Text $result.Url.Host)" }
        }
        elseif (-not $result.IsValid) {
            $problem = "unexpected failure ($($result.ErrorName)), expected $(Format-Text $expected)"
        }
        else {
            $u = $result.Url
            if ($u.Host -cne $expected -or $u.Hostname -cne $expected -or $u.Pathname -cne '/x' -or $u.Href -cne "https://$expected/x") {
                $problem = "host $(Format-Text $u.Host) expected $(Format-Text $expected)"
            }
        }
        Add-Outcome $run "host $(Format-Text $case['input'])" $problem
    }
    $run
}

function Test-PercentEncodingData {
    <# percent-encoding.json, UTF-8 outputs: the input as query and fragment of a special URL. #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($case in (ConvertFrom-WptJson $Path)) {
        if ($case -is [string]) { continue }
        $expected = $case['output']['utf-8']
        if ($null -eq $expected) { continue }
        $result = [EchoNet.Url.UrlParser]::Parse("https://doesnotmatter.invalid/?$($case['input'])#$($case['input'])", [NullString]::Value)
        $problem = if (-not $result.IsValid) { 'unexpected failure' }
        elseif ($result.Url.Search -cne "?$expected") { "search $(Format-Text $result.Url.Search) expected $(Format-Text "?$expected")" }
        elseif ($result.Url.Hash -cne "#$expected") { "hash $(Format-Text $result.Url.Hash) expected $(Format-Text "#$expected")" }
        Add-Outcome $run "input $(Format-Text $case['input'])" $problem
    }
    $run
}

# The URL API attributes a setters case may read back, as WPT's url-setters tests read them.
$script:SettableFields = 'href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'

function Initialize-CSharpUrlAccess {
    <#
    Compiles a small C# class that sets and gets the URL API attributes with plain C# property
    syntax (url.Host = value), so the setters are tested from C# too, not only through
    PowerShell's property adapter.
    #>
    if ('EchoNetTests.CSharpUrlAccess' -as [type]) { return }
    $cases = foreach ($field in $script:UrlFields) {
        $property = [cultureinfo]::InvariantCulture.TextInfo.ToTitleCase($field)
        [pscustomobject]@{ Field = $field; Property = $property; Settable = $script:SettableFields -contains $field }
    }
    $setters = ($cases | Where-Object Settable | ForEach-Object { "case `"$($_.Field)`": url.$($_.Property) = value; break;" }) -join "`n"
    $getters = ($cases | ForEach-Object { "case `"$($_.Field)`": return url.$($_.Property);" }) -join "`n"
    Add-Type -ReferencedAssemblies ([EchoNet.WhatwgUrl].Assembly.Location) -TypeDefinition @"
namespace EchoNetTests
{
    public static class CSharpUrlAccess
    {
        public static void Set(EchoNet.WhatwgUrl url, string attribute, string value)
        {
            switch (attribute)
            {
                $setters
                default: throw new System.ArgumentException(attribute);
            }
        }

        public static string Get(EchoNet.WhatwgUrl url, string attribute)
        {
            switch (attribute)
            {
                $getters
                default: throw new System.ArgumentException(attribute);
            }
        }
    }
}
"@
}

function Compare-WithFreshParse($Url) {
    <#
    A setter rewrites the href and the offsets of every component; a fresh parse of the new href
    must give the same URL through every getter, the conveniences included. Returns why not.
    #>
    $fresh = [EchoNet.Url.UrlParser]::Parse($Url.Href, [NullString]::Value)
    if (-not $fresh.IsValid) { return "the new href $(Format-Text $Url.Href) does not parse" }
    $names = $script:UrlFields + 'Scheme', 'IsSpecial', 'EffectivePort', 'Query', 'Fragment', 'HostType', 'DisplayHostname', 'HasOpaquePath'
    $problems = foreach ($name in $names) {
        if (-not [object]::Equals($Url.$name, $fresh.Url.$name)) { "$name $(Format-Text "$($Url.$name)") but a fresh parse gives $(Format-Text "$($fresh.Url.$name)")" }
    }
    if (($Url.PathSegments -join '/') -cne ($fresh.Url.PathSegments -join '/')) { 'PathSegments differ from a fresh parse' }
    $mine = [EchoNet.Url.FormUrlEncoded]::Serialize($Url.QueryParameters)
    if ($mine -cne [EchoNet.Url.FormUrlEncoded]::Serialize($fresh.Url.QueryParameters)) { "QueryParameters $(Format-Text $mine) differ from a fresh parse" }
    if ($problems) { return ($problems -join '; ') }
    $null
}

function Test-SettersData {
    <#
    setters_tests.json as WPT's url-setters.any.js runs it: new URL(href), set the attribute,
    read back every expected attribute. -Via PowerShell assigns with $url.<attribute> = value;
    -Via CSharp assigns and reads with C# property syntax. Every case also checks that all
    derived properties equal those of a fresh parse of the new href.
    #>
    param([Parameter(Mandatory)][string] $Path, [ValidateSet('PowerShell', 'CSharp')][string] $Via = 'PowerShell')
    if ($Via -eq 'CSharp') { Initialize-CSharpUrlAccess }
    $run = New-RunResult "$(Split-Path $Path -Leaf) via $Via"
    $data = ConvertFrom-WptJson $Path
    foreach ($attribute in $script:SettableFields) {
        foreach ($case in $data[$attribute]) {
            $label = "set $attribute of $(Format-Text $case['href']) to $(Format-Text $case['new_value'])"
            $problem = try {
                $url = [EchoNet.WhatwgUrl]::new($case['href'])
                if ($Via -eq 'PowerShell') { $url.$attribute = $case['new_value'] }
                else { [EchoNetTests.CSharpUrlAccess]::Set($url, $attribute, $case['new_value']) }
                $mismatches = foreach ($field in $case['expected'].Keys) {
                    $actual = if ($Via -eq 'PowerShell') { $url.$field } else { [EchoNetTests.CSharpUrlAccess]::Get($url, $field) }
                    if (-not [string]::Equals($actual, $case['expected'][$field], [StringComparison]::Ordinal)) {
                        "$field $(Format-Text $actual) expected $(Format-Text $case['expected'][$field])"
                    }
                }
                if ($mismatches) { $mismatches -join '; ' } else { Compare-WithFreshParse $url }
            }
            catch { "threw $($_.Exception.GetType().Name): $($_.Exception.Message)" }
            Add-Outcome $run $label $problem
        }
    }
    $run
}

function Test-SettersOracleData {
    <#
    setters-oracle.json (tests/data/url-setters): the reference implementation's href after each
    setter, and whether it threw; every case also checks the derived properties against a fresh
    parse of the new href.
    #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($case in (ConvertFrom-WptJson $Path)['cases']) {
        $label = "set $($case['attribute']) of $(Format-Text $case['href']) to $(Format-Text $case['value'])"
        $url = [EchoNet.WhatwgUrl]::new($case['href'])
        $threw = $false
        try { $url.($case['attribute']) = $case['value'] } catch { $threw = $true }
        $problem = if ($threw -ne $case['threw']) { "threw: $threw, expected $($case['threw'])" }
        elseif ($url.Href -cne $case['result']) { "href $(Format-Text $url.Href) expected $(Format-Text $case['result'])" }
        else { Compare-WithFreshParse $url }
        Add-Outcome $run $label $problem
    }
    $run
}

function Format-Value($Value) {
    # One readable, comparable string for the values the search params cases expect.
    if ($null -eq $Value) { return '<null>' }
    if ($Value -is [bool]) { return "$Value" }
    if ($Value -is [string]) { return (Format-Text $Value) }
    if ($Value -is [EchoNet.UrlQueryParameter]) { return '[' + (Format-Text $Value.Name) + ', ' + (Format-Text $Value.Value) + ']' }
    if ($Value -is [System.Collections.IEnumerable]) { return '[' + (@(foreach ($item in $Value) { Format-Value $item }) -join ', ') + ']' }
    "$([double]$Value)"
}

function Invoke-SearchParamsStep($Step, $Subjects, $State) {
    <# Runs one step of a urlsearchparams-cases.json test; returns a problem or $null. #>
    $as = if ($Step.ContainsKey('as')) { $Step['as'] } else { 'params' }
    $on = if ($Step.ContainsKey('on')) { $Step['on'] } else { 'params' }
    $arguments = @(if ($Step.ContainsKey('args')) { foreach ($a in $Step['args']) { if ($a -eq '$name') { $State.Name } else { $a } } })
    # UrlSearchParams is enumerable, so each is assigned straight from its constructor: the
    # output of an if or a function would be unrolled into its pairs.
    if ($Step.ContainsKey('new')) {
        if ($null -eq $Step['new']) { $Subjects[$as] = [EchoNet.UrlSearchParams]::new() }
        else { $Subjects[$as] = [EchoNet.UrlSearchParams]::new([string]$Step['new']) }
    }
    elseif ($Step.ContainsKey('newFromPairs')) {
        $pairs = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
        foreach ($p in $Step['newFromPairs']) { $pairs.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($p[0], $p[1])) }
        $Subjects[$as] = [EchoNet.UrlSearchParams]::new([System.Collections.Generic.IEnumerable[System.Collections.Generic.KeyValuePair[string, string]]]$pairs)
    }
    elseif ($Step.ContainsKey('newFromRecord')) {
        $record = [System.Collections.Specialized.OrderedDictionary]::new() # case-sensitive, ordered
        foreach ($p in $Step['newFromRecord']) { $record[$p[0]] = $p[1] }
        $Subjects[$as] = [EchoNet.UrlSearchParams]::new([System.Collections.IDictionary]$record)
    }
    elseif ($Step.ContainsKey('copy')) {
        $Subjects[$as] = [EchoNet.UrlSearchParams]::new([System.Collections.Generic.IEnumerable[EchoNet.UrlQueryParameter]]$Subjects[$Step['copy']])
    }
    elseif ($Step.ContainsKey('url')) {
        $State.Url = if ($Step.ContainsKey('base')) { [EchoNet.WhatwgUrl]::new($Step['url'], $Step['base']) } else { [EchoNet.WhatwgUrl]::new($Step['url']) }
        $Subjects[$as] = $State.Url.SearchParams
    }
    elseif ($Step.ContainsKey('newFromUrlSearch')) {
        $Subjects[$as] = [EchoNet.UrlSearchParams]::new($State.Url.Search)
    }
    elseif ($Step.ContainsKey('call')) {
        $target = $Subjects[$on]
        switch ($Step['call']) {
            'append' { $target.Append($arguments[0], $arguments[1]) }
            'delete' { if ($arguments.Count -eq 2) { $target.Delete($arguments[0], $arguments[1]) } else { $target.Delete($arguments[0]) } }
            'set' { $target.Set($arguments[0], $arguments[1]) }
            'sort' { $target.Sort() }
            default { return "unknown call $($Step['call'])" }
        }
    }
    elseif ($Step.ContainsKey('setUrl')) {
        $State.Url.($Step['setUrl']) = $Step['to']
    }
    elseif ($Step.ContainsKey('forEach')) {
        # Enumerates the live list while the rules change it, as a for-of loop over it does.
        $seen = [System.Collections.Generic.List[object]]::new()
        $enumerator = $Subjects[$on].GetEnumerator()
        while ($enumerator.MoveNext()) {
            $pair = $enumerator.Current
            $rule = $Step['forEach'] | Where-Object { -not $_.ContainsKey('ifName') -or $_['ifName'] -ceq $pair.Name } | Select-Object -First 1
            $State.Name = $pair.Name
            foreach ($inner in $rule['do']) {
                $problem = Invoke-SearchParamsStep $inner $Subjects $State
                if ($problem) { return $problem }
            }
            if ($rule['collect']) {
                if ($Step['collect'] -eq 'names') { $seen.Add($pair.Name) } else { $seen.Add(@($pair.Name, $pair.Value)) }
            }
        }
        $actual = Format-Value $seen
        $expected = Format-Value $Step['is']
        if ($actual -cne $expected) { return "iteration saw $actual expected $expected" }
    }
    elseif ($Step.ContainsKey('expect')) {
        $target = $Subjects[$on]
        $what = $Step['expect']
        $actual = switch -CaseSensitive ($what) {
            'toString' { $target.ToString() }
            'get' { $target.Get($arguments[0]) }
            'getAll' { , $target.GetAll($arguments[0]) }
            'has' { if ($arguments.Count -eq 2) { $target.Has($arguments[0], $arguments[1]) } else { $target.Has($arguments[0]) } }
            'size' { $target.Size }
            'entries' { , @($target) }
            'sameSearchParams' { [object]::ReferenceEquals($State.Url.SearchParams, $State.Url.SearchParams) -and [object]::ReferenceEquals($target, $State.Url.SearchParams) }
            'searchParamsReadOnly' { -not [EchoNet.WhatwgUrl].GetProperty('SearchParams').CanWrite }
            default {
                if ($what -like 'url.*') { $State.Url.($what.Substring(4)) }
                else { return "unknown expectation $what" }
            }
        }
        $actualText = Format-Value $actual
        $expectedText = Format-Value $Step['is']
        if ($actualText -cne $expectedText) { return "$what($(@($arguments | ForEach-Object { Format-Text $_ }) -join ', ')) gave $actualText expected $expectedText" }
    }
    else {
        return "unknown step $($Step.Keys -join ',')"
    }
    $null
}

function Test-SearchParamsData {
    <# urlsearchparams-cases.json: every transcribed WPT test, its steps in order; one outcome per test. #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($test in (ConvertFrom-WptJson $Path)['tests']) {
        $subjects = @{}
        $state = [pscustomobject]@{ Url = $null; Name = $null }
        $problem = try {
            foreach ($step in $test['steps']) {
                $stepProblem = Invoke-SearchParamsStep $step $subjects $state
                if ($stepProblem) { $stepProblem; break }
            }
        }
        catch { "threw $($_.Exception.GetType().Name): $($_.Exception.Message)" }
        Add-Outcome $run "$($test['file']): $($test['name'])" $problem
    }
    $run
}

function Test-UrlencodedParserData {
    <# urlencoded-parser-data.json as WPT's urlencoded-parser.any.js runs it: new URLSearchParams(input), its pairs in order. #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    foreach ($case in (ConvertFrom-WptJson $Path)) {
        $actual = Format-Value @([EchoNet.UrlSearchParams]::new([string]$case['input']))
        $expected = Format-Value $case['output']
        $problem = if ($actual -cne $expected) { "pairs $actual expected $expected" }
        Add-Outcome $run "input $(Format-Text $case['input'])" $problem
    }
    $run
}

function Assert-Sha256Sums([string] $Folder) {
    <# Fails unless every file listed in $Folder/SHA256SUMS (sha256sum's format) has that hash. #>
    foreach ($line in Get-Content (Join-Path $Folder 'SHA256SUMS')) {
        $hash, $name = $line -split '\s+', 2
        (Get-FileHash (Join-Path $Folder $name) -Algorithm SHA256).Hash | Should -Be $hash.ToUpperInvariant() -Because $name
    }
}

function Test-ValidationErrorData {
    <#
    .SYNOPSIS
    Runs the whatwg-url validation error cases (tests/data/url-validation): for each input and
    base, the parser's ValidationErrors (by name, in order) and href must equal the oracle's.
    Also counts how often each name was expected, in $Run.NameCounts.
    #>
    param([Parameter(Mandatory)][string] $Path)
    $run = New-RunResult (Split-Path $Path -Leaf)
    $run | Add-Member NameCounts ([ordered]@{})
    foreach ($case in (ConvertFrom-WptJson $Path)['cases']) {
        $result = Invoke-UrlParse $case['input'] $case['base']
        $expected = @($case['errors']) -join ','
        $actual = @($result.ValidationErrors | ForEach-Object Name) -join ','
        $href = if ($result.IsValid) { $result.Url.Href } else { $null }
        $problem = $null
        if ($actual -cne $expected) { $problem = "errors [$actual] expected [$expected]" }
        elseif (-not [string]::Equals($href, $case['href'], [StringComparison]::Ordinal)) { $problem = "href $(Format-Text $href) expected $(Format-Text $case['href'])" }
        Add-Outcome $run "input $(Format-Text $case['input']) base $(Format-Text $case['base'])" $problem
        foreach ($name in $case['errors']) { $run.NameCounts[$name] = 1 + [int]$run.NameCounts[$name] }
    }
    $run
}

Export-ModuleMember -Function Assert-AllPassed, ConvertFrom-WptJson, Test-UrlTestData, Test-HostData, Test-PercentEncodingData, Test-ValidationErrorData, Assert-Sha256Sums, Compare-UrlCase, Format-Text,
    Test-SettersData, Test-SettersOracleData, Test-SearchParamsData, Test-UrlencodedParserData, Compare-WithFreshParse

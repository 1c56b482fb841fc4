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

Export-ModuleMember -Function ConvertFrom-WptJson, Test-UrlTestData, Test-HostData, Test-PercentEncodingData, Test-ValidationErrorData, Compare-UrlCase, Format-Text

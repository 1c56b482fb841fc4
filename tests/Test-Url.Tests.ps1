BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
}

Describe 'Test-Url' {
    It 'gives one Boolean per input, in order, and writes no error' {
        $errors = $null
        $results = Test-Url 'https://example.com/', 'https://exa mple.com/', 'mailto:a@b', 'example.com', 'http://[::1' -ErrorVariable errors
        $results | Should -Be $true, $false, $true, $false, $false
        $results | ForEach-Object { $_ | Should -BeOfType ([bool]) }
        $errors.Count | Should -Be 0
    }

    It 'agrees with every case of WPT urltestdata.json (891 inputs, with their bases)' {
        $cases = @((ConvertFrom-WptJson (Join-Path $PSScriptRoot 'data/wpt/urltestdata.json')) | Where-Object { $_ -isnot [string] })
        $inputs = foreach ($case in $cases) {
            if ($null -eq $case['base']) { [pscustomobject]@{ Url = $case['input'] } }
            else { [pscustomobject]@{ Url = $case['input']; BaseUrl = $case['base'] } }
        }
        $results = @($inputs | Test-Url)
        $results.Count | Should -Be $cases.Count
        $wrong = for ($i = 0; $i -lt $cases.Count; $i++) {
            if ($results[$i] -eq [bool]$cases[$i]['failure']) { "input $(Format-Text $cases[$i]['input']) base $(Format-Text $cases[$i]['base'])" }
        }
        Write-Host "urltestdata.json via Test-Url: $($cases.Count - @($wrong).Count)/$($cases.Count) agree"
        @($wrong).Count | Should -Be 0 -Because (($wrong | Select-Object -First 20) -join "`n")
    }

    It 'filters a list in Where-Object' {
        $urls = 'https://ok.example/', 'bad', 'https://example.com:99999/', 'ftp://files.example/x' | Where-Object { Test-Url $_ }
        $urls | Should -Be 'https://ok.example/', 'ftp://files.example/x'
    }

    It 'resolves against -BaseUrl; a base that is not a URL makes every input $false without an error' {
        '../x', '?q', '#f', '//other.example/' | Test-Url -BaseUrl 'https://example.com/a/b' | Should -Be $true, $true, $true, $true
        'x' | Test-Url -BaseUrl 'mailto:a@b' | Should -BeFalse   # a base with an opaque path takes only '#...'
        $errors = $null
        'https://fine.example/', 'x' | Test-Url -BaseUrl 'not a base' -ErrorVariable errors | Should -Be $false, $false
        $errors.Count | Should -Be 0
    }

    It 'takes Url and BaseUrl by property name, per record' {
        $records = [pscustomobject]@{ Href = 'y'; BaseUrl = 'https://one.example/' },
                   [pscustomobject]@{ Uri = 'y'; Base = 'nope' },
                   [pscustomobject]@{ Url = 'https://two.example/' }
        $records | Test-Url | Should -Be $true, $false, $true
    }

    It 'takes WhatwgUrl objects from ConvertFrom-Url (by their Href)' {
        ConvertFrom-Url 'https://example.com/' | Test-Url | Should -BeTrue
    }

    It 'handles $null and empty input: <Name>' -ForEach @(
        @{ Name = '$null by parameter'; Run = { Test-Url $null }; Expected = @($false) }
        @{ Name = '$null from the pipeline'; Run = { $null | Test-Url }; Expected = @($false) }
        @{ Name = '$null inside an array'; Run = { Test-Url 'a:', $null }; Expected = @($true, $false) }
        @{ Name = 'the empty string'; Run = { Test-Url '' }; Expected = @($false) }
        @{ Name = 'the empty string against a base'; Run = { '' | Test-Url -BaseUrl 'https://example.com/' }; Expected = @($true) }
        @{ Name = 'whitespace only'; Run = { Test-Url "  `t " }; Expected = @($false) }
        @{ Name = 'an empty array by parameter'; Run = { Test-Url -Url @() }; Expected = @() }
        @{ Name = 'an empty pipeline'; Run = { @() | Test-Url }; Expected = @() }
    ) {
        $output = @(& $Run 2>&1)
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $results = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $results.Count | Should -Be $Expected.Count
        for ($i = 0; $i -lt $Expected.Count; $i++) { $results[$i] | Should -Be $Expected[$i] }
        $errors.Count | Should -Be 0
    }

    It 'answers for a 1 MB input' {
        Test-Url ('https://example.com/' + 'a' * 1MB) | Should -BeTrue
        Test-Url ('https://' + 'a' * 1MB + ' /') | Should -BeFalse
    }

    It '-Strict: $true only for a valid URL string (<Text>)' -ForEach @(
        @{ Text = 'https://example.com/a?b=c#d'; Loose = $true; Strict = $true }
        @{ Text = 'HTTPS://EXAMPLE.COM/'; Loose = $true; Strict = $true }           # case is not an error
        @{ Text = 'https://example.com/a b'; Loose = $true; Strict = $false }        # invalid-URL-unit
        @{ Text = 'https:\\example.com\x'; Loose = $true; Strict = $false }      # invalid-reverse-solidus
        @{ Text = 'https://user:pw@example.com/'; Loose = $true; Strict = $false }   # invalid-credentials
        @{ Text = 'https:example.com'; Loose = $true; Strict = $false }              # special-scheme-missing-following-solidus
        @{ Text = 'https://exa mple.com/'; Loose = $false; Strict = $false }
    ) {
        Test-Url $Text | Should -Be $Loose
        Test-Url $Text -Strict | Should -Be $Strict
    }

    It '-Strict agrees with the reference implementation on every case of validation-errors.json' {
        $data = ConvertFrom-WptJson (Join-Path $PSScriptRoot 'data/url-validation/validation-errors.json')
        $cases = @($data['cases'])
        $inputs = foreach ($case in $cases) {
            if ($null -eq $case['base']) { [pscustomobject]@{ Url = $case['input'] } }
            else { [pscustomobject]@{ Url = $case['input']; BaseUrl = $case['base'] } }
        }
        $results = @($inputs | Test-Url -Strict)
        $results.Count | Should -Be $cases.Count
        $wrong = for ($i = 0; $i -lt $cases.Count; $i++) {
            $valid = $null -ne $cases[$i]['href'] -and @($cases[$i]['errors']).Count -eq 0
            if ($results[$i] -ne $valid) { "input $(Format-Text $cases[$i]['input']) base $(Format-Text $cases[$i]['base']): Test-Url -Strict gave $($results[$i])" }
        }
        Write-Host "validation-errors.json via Test-Url -Strict: $($cases.Count - @($wrong).Count)/$($cases.Count) agree ($(@($results | Where-Object { $_ }).Count) valid URL strings)"
        @($wrong).Count | Should -Be 0 -Because (($wrong | Select-Object -First 20) -join "`n")
    }

    It '-Strict with a base that is not a URL is $false' {
        Test-Url 'x' -BaseUrl 'not a base' -Strict | Should -BeFalse
        Test-Url 'x' -BaseUrl 'https://example.com/' -Strict | Should -BeTrue
    }

    It 'declares its output type' {
        (Get-Command Test-Url).OutputType.Type | Should -Be ([bool])
    }
}

Describe 'Ctrl+C inside the parse of a huge input (issue 26 item 12)' {
    BeforeAll {
        # A host of 64 Ki labels that need Punycode (4 Mi characters), then one label with two
        # combining marks: canonical ordering (an internal counter of its steps) reaches them at
        # the end of normalization, and the labels and Punycode, most of the work, are still to
        # come then. The parser checks its token between those steps.
        $stepsField = [EchoNet.WhatwgUrl].Assembly.GetType('EchoNet.Url.Idna.Nfc', $true).GetField('OrderingSteps', [Reflection.BindingFlags]'NonPublic, Static')
        $huge = 'http://' + ('b' + ([string][char]0xE4) * 30 + 'xyz' * 9 + '.') * 64KB + 'a' + [char]0x301 + [char]0x316 + '.example/'
        # A whole parse, best of two after a warm-up: the yardstick for how soon Ctrl+C must act.
        $null = Test-Url $huge
        $whole = [double]::MaxValue
        foreach ($i in 1..2) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $null = Test-Url $huge
            $whole = [math]::Min($whole, $watch.Elapsed.TotalMilliseconds)
        }
    }

    It '<_> stops inside the parse, far sooner than the parse would end' -ForEach 'Test-Url', 'ConvertFrom-Url' {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule((Get-EchoNetManifest))
        $ps = [powershell]::Create($iss)
        try {
            $null = $ps.AddCommand($_).AddArgument($huge)
            $before = $stepsField.GetValue($null)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($stepsField.GetValue($null) -eq $before -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                [System.Threading.Thread]::Sleep(1)
            }
            $async.IsCompleted | Should -BeFalse -Because 'the parse is under way'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()   # what Ctrl+C does: StopProcessing, then wait for the pipeline to end
            $stopped = $watch.Elapsed.TotalMilliseconds
            Write-Host ("{0}: stopped {1:N0} ms after Ctrl+C; a whole parse takes {2:N0} ms" -f $_, $stopped, $whole)
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error.Count | Should -Be 0
            # A ratio within one run, never an absolute time: one that ignores Ctrl+C finishes the
            # parse first (about 2/3 of a whole parse is still to come); one that honours it stops
            # at the next check (about 1/6 here: the end of normalization).
            $stopped | Should -BeLessThan ($whole * 0.4)
        }
        finally { $ps.Dispose() }
    }
}

# Named validation errors (issue 16 item 3): the parser's ValidationErrors against the URL
# Standard's reference implementation, whatwg-url 17.3.0, on every WPT urltestdata.json input and
# thousands of generated mutations of them (tests/data/url-validation, made by
# tools/url-validation/Update-UrlValidationData.ps1; no npm is needed here). Every case runs;
# the counts are printed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
    $script:DataFolder = Join-Path $PSScriptRoot 'data/url-validation'
    $script:DataFile = Join-Path $DataFolder 'validation-errors.json'
}

Describe 'Named validation errors against whatwg-url' {
    It 'the vendored data matches SHA256SUMS' {
        Assert-Sha256Sums $DataFolder
    }

    It 'validation-errors.json: every case has the same errors, in order, and the same href' {
        $run = Test-ValidationErrorData $DataFile
        Write-Host ('  expected errors by name: ' + (($run.NameCounts.GetEnumerator() | Sort-Object Value -Descending | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '))
        $run.Total | Should -BeGreaterThan 6000
        Assert-AllPassed $run (ConvertFrom-WptJson $DataFile)['count']
    }

    It 'the data covers every name the parser records' {
        $run = Test-ValidationErrorData $DataFile
        # Not met by the parser: domain-to-Unicode (the Standard's, for display), base-URL-invalid
        # (EchoNet's, for -BaseUrl), domain-invalid-code-point (whatwg-url records domain-to-ASCII).
        $notRecorded = 'None', 'DomainToUnicode', 'BaseUrlInvalid', 'DomainInvalidCodePoint'
        $names = [enum]::GetValues([EchoNet.Url.UrlValidationError]) | Where-Object { $_ -notin $notRecorded } |
            ForEach-Object { [EchoNet.Url.UrlValidationErrors]::SpecName($_) }
        $missing = @($names | Where-Object { -not $run.NameCounts.Contains($_) })
        $missing | Should -BeNullOrEmpty
        $names.Count | Should -Be 31
    }
}

Describe 'ValidationErrors in PowerShell' {
    It 'ConvertFrom-Url output lists them in order; each prints as and equals its Standard name' {
        $url = ConvertFrom-Url 'HTTP://user:pass@EXAMPLE.com:080/./a/../b\c?q=%zz'
        @($url.ValidationErrors | ForEach-Object { "$_" }) | Should -BeExactly 'invalid-credentials', 'invalid-reverse-solidus', 'invalid-URL-unit'
        $url.ValidationErrors -contains 'invalid-URL-unit' | Should -BeTrue
        $url.ValidationErrors -contains 'host-missing' | Should -BeFalse
        $url.ValidationErrors[1].Error | Should -Be ([EchoNet.Url.UrlValidationError]::InvalidReverseSolidus)
        $url.ValidationErrors[1].Message | Should -Match "'\\'.*\(invalid-reverse-solidus\)\.$"
    }

    It 'repeats are kept: one special-scheme-missing-following-solidus per extra slash' {
        $names = @((ConvertFrom-Url 'http:\\\example.com/a b').ValidationErrors | ForEach-Object Name)
        $names | Should -BeExactly (@('special-scheme-missing-following-solidus') * 4 + 'invalid-URL-unit')
    }

    It 'a valid URL string has none' {
        foreach ($text in 'https://example.com/a/b?c=d#e', 'http://127.0.0.1:8080/', 'mailto:someone@example.com', 'file:///C:/x') {
            (ConvertFrom-Url $text).ValidationErrors.Count | Should -Be 0 -Because $text
        }
    }

    It 'after a setter they are those of the new href' {
        $url = ConvertFrom-Url 'https://u@example.com/a'
        @($url.ValidationErrors | ForEach-Object Name) | Should -BeExactly 'invalid-credentials'
        $url.Href = 'http:\\example.com\x'
        @($url.ValidationErrors | ForEach-Object Name) | Should -BeExactly (@('special-scheme-missing-following-solidus') * 3 + 'invalid-reverse-solidus')
        $url.Username = 'me'
        @($url.ValidationErrors | ForEach-Object Name) | Should -BeExactly 'invalid-credentials'
        $url.Username = ''
        $url.ValidationErrors.Count | Should -Be 0
    }

    It 'a failed parse lists what it met, its failure last, on the parse result' {
        $result = [EchoNet.Url.UrlParser]::Parse('http://u@[::1]:99999/', [NullString]::Value)
        $result.IsValid | Should -BeFalse
        $result.Error | Should -Be ([EchoNet.Url.UrlValidationError]::PortOutOfRange)
        @($result.ValidationErrors | ForEach-Object Name) | Should -BeExactly 'invalid-credentials', 'port-out-of-range'
    }

    It 'an unknown name does not convert to a validation error' {
        { [EchoNet.Url.UrlValidationErrorEntry]'no-such-error' } | Should -Throw
        ([EchoNet.Url.UrlValidationErrorEntry]'IPv4-non-decimal-part').Error | Should -Be ([EchoNet.Url.UrlValidationError]::IPv4NonDecimalPart)
    }

    It 'Format-Table -View ValidationErrors shows each URL with its errors' {
        $text = 'https://u@example.com/', 'https://example.com/' | ConvertFrom-Url | Format-Table -View ValidationErrors | Out-String -Width 200
        $text | Should -Match 'https://u@example\.com/\s+invalid-credentials'
        $text | Should -Match 'https://example\.com/\s*(\r?\n|$)'
    }

    It 'through ConvertFrom-Url, every case that parses has the same errors as whatwg-url' {
        $cases = @((ConvertFrom-WptJson $DataFile)['cases'] | Where-Object { $null -ne $_['href'] })
        # BaseUrl is bound by property name, so each case carries its own base.
        $inputs = foreach ($case in $cases) {
            if ($null -eq $case['base']) { [pscustomobject]@{ Url = $case['input'] } }
            else { [pscustomobject]@{ Url = $case['input']; BaseUrl = $case['base'] } }
        }
        $outputs = @($inputs | ConvertFrom-Url)
        $outputs.Count | Should -Be $cases.Count
        $failures = for ($i = 0; $i -lt $cases.Count; $i++) {
            $expected = @($cases[$i]['errors']) -join ','
            $actual = @($outputs[$i].ValidationErrors | ForEach-Object Name) -join ','
            if ($actual -cne $expected) { "input $(Format-Text $cases[$i]['input']): [$actual] expected [$expected]" }
        }
        Write-Host "validation-errors.json via ConvertFrom-Url: $($cases.Count - @($failures).Count)/$($cases.Count) passed"
        @($failures).Count | Should -Be 0 -Because (($failures | Select-Object -First 25) -join "`n")
    }
}

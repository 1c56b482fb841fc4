# Runs every case of the vendored Web Platform Tests URL data (tests/data/wpt) against the
# parser and prints per-file counts. Bulk cases call the core parser through the loaded module
# assembly; urltestdata.json is also run through ConvertFrom-Url itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
    $wpt = Join-Path $PSScriptRoot 'data/wpt'
}

Describe 'WPT URL conformance' {
    It 'the vendored data files match SHA256SUMS' {
        Assert-Sha256Sums $wpt
    }

    It 'urltestdata.json: all 891 cases (every field, failures, origin, searchParams)' {
        Assert-AllPassed (Test-UrlTestData (Join-Path $wpt 'urltestdata.json')) 891
    }

    It 'urltestdata-javascript-only.json: lone surrogates become U+FFFD when encoded' {
        Assert-AllPassed (Test-UrlTestData (Join-Path $wpt 'urltestdata-javascript-only.json')) 1
    }

    It 'toascii.json: all cases through https://<input>/x' {
        Assert-AllPassed (Test-HostData (Join-Path $wpt 'toascii.json')) 87
    }

    It 'IdnaTestV2.json: all cases through https://<input>/x (the 3 empty inputs skipped, as WPT does)' {
        Assert-AllPassed (Test-HostData (Join-Path $wpt 'IdnaTestV2.json') -EncodeHostEnders) 2668
    }

    It 'percent-encoding.json: the UTF-8 outputs, in query and fragment' {
        Assert-AllPassed (Test-PercentEncodingData (Join-Path $wpt 'percent-encoding.json')) 7
    }

    It 'urltestdata.json through ConvertFrom-Url: same results, failures as InvalidUrl errors' {
        $cases = @((ConvertFrom-WptJson (Join-Path $wpt 'urltestdata.json')) | Where-Object { $_ -isnot [string] })
        # BaseUrl is bound by property name, so each case carries its own base.
        $inputs = foreach ($case in $cases) {
            if ($null -eq $case['base']) { [pscustomobject]@{ Url = $case['input'] } }
            else { [pscustomobject]@{ Url = $case['input']; BaseUrl = $case['base'] } }
        }
        $errors = $null
        $outputs = @($inputs | ConvertFrom-Url -ErrorAction SilentlyContinue -ErrorVariable errors)

        # Outputs come in input order for the valid cases, errors for the failing ones.
        $failures = [System.Collections.Generic.List[string]]::new()
        $nextOutput = 0
        $nextError = 0
        foreach ($case in $cases) {
            $label = "input $(Format-Text $case['input']) base $(Format-Text $case['base'])"
            if ($case['failure']) {
                $record = $errors[$nextError++]
                if ($null -eq $record -or $record.TargetObject -cne $case['input'] -or $record.FullyQualifiedErrorId -ne 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand') {
                    $failures.Add("$label -> expected an InvalidUrl error for this input")
                }
            }
            else {
                $problem = Compare-UrlCase $case $outputs[$nextOutput++]
                if ($problem) { $failures.Add("$label -> $problem") }
            }
        }
        $passed = $cases.Count - $failures.Count
        Write-Host "urltestdata.json via ConvertFrom-Url: $passed/$($cases.Count) passed"
        $failures.Count | Should -Be 0 -Because (($failures | Select-Object -First 25) -join "`n")
        $outputs.Count | Should -Be $nextOutput
        $errors.Count | Should -Be $nextError
    }
}

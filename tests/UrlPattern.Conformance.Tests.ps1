# Runs every case of the vendored WPT URLPattern data (tests/data/urlpattern) against the core
# UrlPattern and prints the counts: passed, failed, and not expressible in .NET Regex (listed by
# case with the reason; none today). The harness is tests/UrlPatternConformance.psm1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'UrlPatternConformance.psm1') -Force
    $data = Join-Path $PSScriptRoot 'data/urlpattern'
}

Describe 'WPT URLPattern conformance' {
    It 'the vendored data files match SHA256SUMS' {
        Assert-Sha256Sums $data
    }

    It 'urlpatterntestdata.json: all 369 cases (construction, pattern strings, test, exec)' {
        Assert-PatternRun (Test-UrlPatternData (Join-Path $data 'urlpatterntestdata.json')) 369
    }

    It 'urlpattern-compare-test-data.json: all 25 compareComponent cases, both ways' {
        Assert-PatternRun (Test-UrlPatternCompareData (Join-Path $data 'urlpattern-compare-test-data.json')) 25
    }

    It 'urlpattern-generate-test-data.json: all 19 generate cases' {
        Assert-PatternRun (Test-UrlPatternGenerateData (Join-Path $data 'urlpattern-generate-test-data.json')) 19
    }
}

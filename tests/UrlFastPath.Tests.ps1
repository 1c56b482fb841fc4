# The parser's fast path for already-normal URLs (src/EchoNet.Core/Url/NormalUrlFastPath.cs)
# against the full parser: every WPT input, every expected href and base, the toascii.json hosts,
# and thousands of deterministic mutations of them. For each input, the parser as callers use it
# (the fast path takes the input whole, or the full parser goes on from as far as the fast path
# proved it normal) and the full parser alone from the start (with no base and against several
# bases) must fail alike or give the same URL, property by property and offset by offset. The
# comparison runs in C# (tests/UrlFastPathDifferential.cs).

BeforeDiscovery {
    # Normal URLs of every shape the fast path takes, so the mutations start from them too.
    $normal = @(
        'https://example.com/', 'http://www.example.org/a/b/c.html?q=1&r=2#top', 'https://sub.example.co.uk:8443/p?x#y'
        'ws://127.0.0.1:9000/socket', 'wss://example.com/chat?room=1', 'ftp://ftp.example.net/pub/file.tar.gz'
        'http://1.2.3.4/', 'https://a-b.c--d.example/%7Euser/it%27s?a=%20b#%23', 'http://example.com:0/'
        'mailto:someone@example.com?subject=Hi', 'urn:isbn:0451450523', 'data:text/plain;charset=utf-8,hello'
        'git+ssh://example.com:22/repo.git', 'custom-scheme://Host.Name/path/x?y=1#z', 'foo:/absolute/path', 'sc://h'
        'https://example.com/...', 'https://example.com/.hidden/a..b/.%2e./', 'https://example.com/?q=x#''y'''
        'file:///tmp/x', 'file:///C:/Windows/win.ini', 'file:///c:', 'file://server.example/share/a%20b.txt?v=1#top'
        'file:////double', 'file://1.2.3.4/x', 'file:///home/u/.config/a..b'
    )
}

# One outer block so the list above reaches the run phase as $Normal.
Describe 'NormalUrlFastPath' -ForEach @(@{ Normal = $normal }) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-EchoNet
        Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
        $core = [EchoNet.Url.UrlParser].Assembly
        if (-not ('EchoNet.Tests.UrlFastPathDifferential' -as [type])) {
            Add-Type -Path (Join-Path $PSScriptRoot 'UrlFastPathDifferential.cs') -ReferencedAssemblies $core.Location, 'netstandard', 'System.Collections', 'System.Runtime', 'System.Linq'
        }
        $wpt = Join-Path $PSScriptRoot 'data/wpt'

        # The seeds: inputs, hrefs and bases of urltestdata.json, and https://<host>/x for toascii.json.
        $cases = @((ConvertFrom-WptJson (Join-Path $wpt 'urltestdata.json')) | Where-Object { $_ -isnot [string] })
        $wptInputs = [System.Collections.Generic.List[string]]::new()
        $seeds = [System.Collections.Generic.List[string]]::new()
        foreach ($case in $cases) {
            $wptInputs.Add($case['input'])
            $seeds.Add($case['input'])
            if ($case['href']) { $seeds.Add($case['href']) }
            if ($case['base']) { $seeds.Add($case['base']) }
        }
        foreach ($case in (ConvertFrom-WptJson (Join-Path $wpt 'toascii.json'))) {
            if ($case -is [string]) { continue }
            $seeds.Add("https://$($case['input'])/x")
        }
        foreach ($url in $Normal) { $seeds.Add($url) }
        $mutations = [EchoNet.Tests.UrlFastPathDifferential]::Mutate($seeds, 12, 16)
        $bases = [string[]]@('https://example.org/a/b?c#d', 'file:///C:/dir/file', 'sc://host/path', 'mailto:x@y')
    }

    Describe 'The parser with its fast path agrees with the full parser alone' {
        BeforeAll {
            # Compares, prints the counts, and fails on any mismatch (the first 20 listed).
            function Invoke-Comparison([string] $Label, $Inputs) {
                $report = [EchoNet.Tests.UrlFastPathDifferential]::Compare($Inputs, $bases)
                Write-Host ("{0}: {1} inputs, {2} taken whole by the fast path, {3} proved in part, {4} parses compared, {5} mismatches; {6} normal inputs not taken whole" -f
                    $Label, $report.Inputs, $report.Accepted, $report.Resumed, $report.Compared, $report.Mismatches.Count, $report.NormalLeftToFullParser)
                $report.Mismatches.Count | Should -Be 0 -Because (($report.Mismatches | Select-Object -First 20) -join "`n")
                $report
            }
        }

        It 'on every urltestdata.json input' {
            $report = Invoke-Comparison 'WPT inputs' $wptInputs
            $report.Inputs | Should -Be 891
            $report.Accepted | Should -BeGreaterThan 0
        }

        It 'on the expected hrefs, bases and hosts of the WPT data and thousands of mutations of them' {
            $inputs = [System.Collections.Generic.List[string]]::new($seeds)
            $inputs.AddRange($mutations)
            $report = Invoke-Comparison 'Seeds and mutations' $inputs
            $report.Inputs | Should -BeGreaterThan 20000
            # Enough taken whole and proved in part to make the comparison mean something.
            $report.Accepted | Should -BeGreaterThan 3000
            $report.Resumed | Should -BeGreaterThan 2000
        }
    }

    Describe 'What the fast path takes' {
        It 'proves <Url> normal up to <Proved> and leaves the rest to the full parser' -ForEach @(
            @{ Url = 'https://example.com/a/b c/d'; Proved = 'https://example.com/a' }
            @{ Url = 'https://example.com/a/./b'; Proved = 'https://example.com/a' }
            @{ Url = 'https://example.com?q'; Proved = 'https://example.com' }
            @{ Url = 'https://example.com/?q=a b#f'; Proved = 'https://example.com/?q=a' }
            @{ Url = 'https://example.com/#a b'; Proved = 'https://example.com/#a' }
            @{ Url = 'mailto:a b'; Proved = 'mailto:a' }
            @{ Url = "sc://host/p`t/x"; Proved = 'sc://host' }
            @{ Url = 'https://Example.com/'; Proved = '' }
            @{ Url = 'HTTPS://example.com/a/b c'; Proved = 'HTTPS://example.com/a' }
            @{ Url = 'Http://example.com/?q#f'; Proved = 'Http://example.com/?q#f' }
            @{ Url = 'Foo://example.com/'; Proved = '' }
            @{ Url = 'https://example.com:443/x'; Proved = 'https://example.com' }
            @{ Url = 'https://example.com:0443/x'; Proved = 'https://example.com' }
            @{ Url = 'https://example.com:443@evil.example/x'; Proved = '' }
            @{ Url = "non-special:`n/test"; Proved = '' }
            @{ Url = "non-special:/`t/test"; Proved = '' }
            @{ Url = 'file:///a/b c'; Proved = '' }
        ) {
            $Url.Substring(0, [EchoNet.Tests.UrlFastPathDifferential]::ProvedLength($Url)) | Should -BeExactly $Proved
        }

        It 'takes <Url>' -ForEach @($Normal | ForEach-Object { @{ Url = $_ } }) {
            [EchoNet.Tests.UrlFastPathDifferential]::Accepts($Url) | Should -BeTrue
            # Parsing through the public API gives the input back as the href.
            [EchoNet.Url.UrlParser]::Parse($Url, [NullString]::Value).Url.Href | Should -BeExactly $Url
        }

        # Each of these has an href equal to the input, or would, yet the parser meets a validation
        # error on the way (or rewrites something), so the full parser must handle it.
        It 'leaves <Url> to the full parser (<Why>)' -ForEach @(
            @{ Url = 'http://user@example.com/'; Why = 'invalid-credentials' }
            @{ Url = 'http://user:pass@example.com/'; Why = 'invalid-credentials' }
            @{ Url = 'https://example.com/a|b'; Why = 'invalid-URL-unit' }
            @{ Url = 'https://example.com/a[b]'; Why = 'invalid-URL-unit' }
            @{ Url = 'https://example.com/%zz'; Why = 'invalid-URL-unit: % without two hex digits' }
            @{ Url = 'https://example.com/#a#b'; Why = 'invalid-URL-unit: # in the fragment' }
            @{ Url = 'mailto:a^b'; Why = 'invalid-URL-unit in an opaque path' }
            @{ Url = "https://example.com/a`tb"; Why = 'a tab is removed' }
            @{ Url = ' https://example.com/'; Why = 'leading space is trimmed' }
            @{ Url = 'HTTPS://example.com/'; Why = 'the scheme is lowercased' }
            @{ Url = 'https://Example.com/'; Why = 'the host is lowercased' }
            @{ Url = 'https://example.com'; Why = 'the empty path becomes /' }
            @{ Url = 'https://example.com:443/'; Why = 'the default port is dropped' }
            @{ Url = 'https://example.com:0443/'; Why = 'a leading zero in the port' }
            @{ Url = 'https://example.com/a/./b'; Why = 'a dot segment' }
            @{ Url = 'https://example.com/a/%2E%2e'; Why = 'an encoded double-dot segment' }
            @{ Url = 'https://example.com\a'; Why = 'invalid-reverse-solidus' }
            @{ Url = 'https:example.com/'; Why = 'special-scheme-missing-following-solidus' }
            @{ Url = 'https://xn--nxasmq6b.com/'; Why = 'an xn-- label needs IDNA validation' }
        @{ Url = 'https://a_b.example/'; Why = 'domain-to-ASCII: not valid with UseSTD3ASCIIRules' }
        @{ Url = 'https://-a.example/'; Why = 'domain-to-ASCII: not valid with CheckHyphens' }
        @{ Url = 'https://ab--c.example/'; Why = 'domain-to-ASCII: not valid with CheckHyphens' }
        @{ Url = 'https://example.com./'; Why = 'domain-to-ASCII: not valid with VerifyDnsLength' }
        @{ Url = "https://$('a' * 64).example/"; Why = 'domain-to-ASCII: a label over 63' }
            @{ Url = 'https://0x7f.1/'; Why = 'an IPv4 address not in dotted-quad form' }
            @{ Url = 'https://1.2.3.4./'; Why = 'IPv4-empty-part' }
            @{ Url = 'https://[::1]/'; Why = 'IPv6 is left to the full parser' }
            @{ Url = "https://example.com/?it's"; Why = "the special-query set encodes '" }
            @{ Url = 'https://example.com/caf%C3%A9/caf' + [char]0xE9; Why = 'non-ASCII is percent-encoded' }
            @{ Url = 'file://localhost/tmp/x'; Why = 'localhost becomes the empty host' }
            @{ Url = 'file://server/C:/x'; Why = 'a drive letter empties the host' }
            @{ Url = 'file:///C|/x'; Why = 'the drive letter''s | becomes :' }
            @{ Url = 'file:///C|'; Why = 'the drive letter''s | becomes :' }
            @{ Url = 'file://server'; Why = 'the empty path becomes /' }
            @{ Url = 'file://server?q'; Why = 'the empty path becomes /' }
            @{ Url = 'file://server:80/x'; Why = 'a file URL has no port' }
            @{ Url = 'file:/tmp/x'; Why = 'file: without // gets an empty host' }
            @{ Url = 'file:tmp/x'; Why = 'file: without // gets an empty host' }
            @{ Url = 'FILE:///tmp/x'; Why = 'the scheme is lowercased' }
            @{ Url = 'file://Server/x'; Why = 'the host is lowercased' }
            @{ Url = 'file:///tmp/../x'; Why = 'a dot segment' }
            @{ Url = 'file:///tmp\x'; Why = 'invalid-reverse-solidus' }
            @{ Url = 'sc:///x'; Why = 'an empty opaque host' }
        ) {
            [EchoNet.Tests.UrlFastPathDifferential]::Accepts($Url) | Should -BeFalse
        }
    }
}

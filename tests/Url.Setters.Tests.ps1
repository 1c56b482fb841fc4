# The URL API setters of EchoNet.WhatwgUrl: WPT's setters_tests.json in full through PowerShell
# property assignment and through C#, WPT's url-setters-stripping cases, and bad input.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
    $wpt = Join-Path $PSScriptRoot 'data/wpt'

    function New-StrippingUrl([string] $Scheme = 'https', [string] $Username = 'username', [string] $Password = 'password',
        [string] $HostName = 'host', [string] $Port = '8000', [string] $Pathname = 'path', [string] $Search = 'query',
        [string] $Hash = 'fragment') {
        "${Scheme}://${Username}:${Password}@${HostName}:${Port}/${Pathname}?${Search}#${Hash}"
    }

    function Get-StrippingCases {
        <#
        The cases of WPT's url/url-setters-stripping.any.js, generated the same way: code points
        U+0000, U+0009, U+000A, U+000D and U+001F put before, inside and after each setter's value,
        on a special (https) and a non-special (wpt++) URL. Tab and newlines are removed (the
        basic URL parser strips them); the others are encoded, or make a host or port invalid.
        #>
        foreach ($scheme in 'https', 'wpt++') {
            foreach ($i in 0x00, 0x09, 0x0A, 0x0D, 0x1F) {
                $cp = [string][char]$i
                $encoded = '%{0:X2}' -f $i
                $stripped = $i -in 0x09, 0x0A, 0x0D
                $ref = 'U+{0:X4}' -f $i
                $target = if ($scheme -eq 'https') { 'http' } else { 'wpt--' }
                $expectedScheme = if ($stripped) { $target } else { $scheme }
                @{ Name = "protocol with leading $ref ($scheme)"; Scheme = $scheme; Attribute = 'protocol'; Value = $cp + $target
                   Property = "${expectedScheme}:"; Href = New-StrippingUrl -Scheme $expectedScheme }
                @{ Name = "protocol with $ref before inserted colon ($scheme)"; Scheme = $scheme; Attribute = 'protocol'; Value = $target + $cp
                   Property = "${expectedScheme}:"; Href = New-StrippingUrl -Scheme $expectedScheme }
                foreach ($place in @(@('leading', "${encoded}test", "${cp}test"), @('middle', "te${encoded}st", "te${cp}st"), @('trailing', "test${encoded}", "test${cp}"))) {
                    foreach ($attribute in 'username', 'password') {
                        $parts = @{ Scheme = $scheme; $attribute = $place[1] }
                        @{ Name = "$attribute with $($place[0]) $ref ($scheme)"; Scheme = $scheme; Attribute = $attribute; Value = $place[2]
                           Property = $place[1]; Href = New-StrippingUrl @parts }
                    }
                    $hostPart = if ($scheme -eq 'https') { $place[1] -replace [regex]::Escape($encoded), $cp } else { $place[1] }
                    $expectedHost = if ($i -eq 0 -or ($scheme -eq 'https' -and $i -eq 0x1F)) { 'host' } elseif ($stripped) { 'test' } else { $hostPart }
                    @{ Name = "host with $($place[0]) $ref ($scheme)"; Scheme = $scheme; Attribute = 'host'; Value = $place[2]
                       Property = "${expectedHost}:8000"; Href = New-StrippingUrl -Scheme $scheme -HostName $expectedHost }
                    @{ Name = "hostname with $($place[0]) $ref ($scheme)"; Scheme = $scheme; Attribute = 'hostname'; Value = $place[2]
                       Property = $expectedHost; Href = New-StrippingUrl -Scheme $scheme -HostName $expectedHost }
                    foreach ($pair in @(@('pathname', '/'), @('search', '?'), @('hash', '#'))) {
                        $expected = if ($stripped) { 'test' } else { $place[1] }
                        $parts = @{ Scheme = $scheme; $pair[0] = $expected }
                        @{ Name = "$($pair[0]) with $($place[0]) $ref ($scheme)"; Scheme = $scheme; Attribute = $pair[0]; Value = $place[2]
                           Property = $pair[1] + $expected; Href = New-StrippingUrl @parts }
                    }
                }
                $leadingPort = if ($stripped) { '9000' } else { '8000' }
                $middlePort = if ($stripped) { '9000' } else { '90' }
                @{ Name = "port with leading $ref ($scheme)"; Scheme = $scheme; Attribute = 'port'; Value = "${cp}9000"
                   Property = $leadingPort; Href = New-StrippingUrl -Scheme $scheme -Port $leadingPort }
                @{ Name = "port with middle $ref ($scheme)"; Scheme = $scheme; Attribute = 'port'; Value = "90${cp}00"
                   Property = $middlePort; Href = New-StrippingUrl -Scheme $scheme -Port $middlePort }
                @{ Name = "port with trailing $ref ($scheme)"; Scheme = $scheme; Attribute = 'port'; Value = "9000${cp}"
                   Property = '9000'; Href = New-StrippingUrl -Scheme $scheme -Port '9000' }
            }
        }
    }
}

Describe 'WPT setters_tests.json' {
    It 'passes all 278 cases through PowerShell property assignment ($url.host = ...)' {
        Assert-AllPassed (Test-SettersData (Join-Path $wpt 'setters_tests.json') -Via PowerShell) 278
    }

    It 'passes all 278 cases through C# property assignment (url.Host = ...)' {
        Assert-AllPassed (Test-SettersData (Join-Path $wpt 'setters_tests.json') -Via CSharp) 278
    }

    It 'agrees with the reference implementation (whatwg-url 17.3.0) on all 9,420 cases of setters-oracle.json' {
        $folder = Join-Path $PSScriptRoot 'data/url-setters'
        $hash, $name = (Get-Content (Join-Path $folder 'SHA256SUMS')) -split '\s+', 2
        (Get-FileHash (Join-Path $folder $name) -Algorithm SHA256).Hash | Should -Be $hash.ToUpperInvariant()
        Assert-AllPassed (Test-SettersOracleData (Join-Path $folder 'setters-oracle.json')) 9420
    }

    It "passes all 260 cases of WPT's url-setters-stripping (controls before, inside and after each value)" {
        $cases = @(Get-StrippingCases)
        $failures = foreach ($case in $cases) {
            $url = [EchoNet.WhatwgUrl]::new((New-StrippingUrl -Scheme $case.Scheme))
            $url.($case.Attribute) = $case.Value
            if ($url.($case.Attribute) -cne $case.Property) { "$($case.Name): property $(Format-Text $url.($case.Attribute)) expected $(Format-Text $case.Property)" }
            elseif ($url.Href -cne $case.Href) { "$($case.Name): href $(Format-Text $url.Href) expected $(Format-Text $case.Href)" }
        }
        Write-Host "url-setters-stripping: $($cases.Count - @($failures).Count)/$($cases.Count) passed"
        @($failures).Count | Should -Be 0 -Because (($failures | Select-Object -First 20) -join "`n")
        $cases.Count | Should -Be 260
    }
}

Describe 'WhatwgUrl setters' {
    It 'an invalid Href throws UrlFormatException naming the reason, and leaves the URL and its SearchParams as they were' {
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/a?x=1#f')
        $params = $url.SearchParams
        $caught = $null
        try { $url.Href = 'https://exa mple.com/' } catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType ([EchoNet.Url.UrlFormatException])
        $caught.ErrorName | Should -Be 'domain-invalid-code-point'
        $caught.Message | Should -Match 'https://exa mple.com/'
        $url.Href | Should -Be 'https://example.com/a?x=1#f'
        $params.Get('x') | Should -Be '1'
        { $url.Href = 'no scheme' } | Should -Throw -ExpectedMessage '*missing-scheme-non-relative-URL*'
    }

    It 'a valid Href replaces everything, SearchParams included' {
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/a?x=1')
        $params = $url.SearchParams
        $url.Href = 'sc://h:9/p?y=2&y=3#z'
        $url.Scheme | Should -Be 'sc'
        $url.Port | Should -Be '9'
        $params.GetAll('y') | Should -Be '2', '3'
        $params.Has('x') | Should -BeFalse
    }

    It 'every derived property follows a setter: <Attribute> = <Value>' -ForEach @(
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Protocol'; Value = 'wss' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Host'; Value = 'xn--bcher-kva.example:8443' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Hostname'; Value = '[::1]' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Port'; Value = '443' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Port'; Value = '8080' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Username'; Value = '' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Password'; Value = 'p@ss' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Pathname'; Value = '/x/../y/%2e/z' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Search'; Value = '?a=1&a=2&b=x+y' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Search'; Value = '' }
        @{ Start = 'https://user@example.com/a/b?q=1#f'; Attribute = 'Hash'; Value = '' }
        @{ Start = 'sc:/a/b'; Attribute = 'Pathname'; Value = '//x' }
        @{ Start = 'sc://host/a'; Attribute = 'Host'; Value = '' }
        @{ Start = 'file:///C:/dir/file'; Attribute = 'Host'; Value = 'server' }
        @{ Start = 'blob:https://example.com/uuid'; Attribute = 'Pathname'; Value = 'x' }
        @{ Start = 'https://a.example/'; Attribute = 'Href'; Value = 'blob:https://b.example:81/id' }
    ) {
        $url = [EchoNet.WhatwgUrl]::new($Start)
        # Read the cached conveniences first, so a setter that forgot to drop them would show.
        $null = $url.Origin, $url.PathSegments, $url.QueryParameters, $url.SearchParams
        $url.$Attribute = $Value
        Compare-WithFreshParse $url | Should -BeNullOrEmpty
        $fresh = [EchoNet.WhatwgUrl]::new($url.Href)
        $url.Origin | Should -Be $fresh.Origin
        $url.SearchParams.ToString() | Should -Be $fresh.SearchParams.ToString()
    }

    It 'a setter on one URL leaves an equal URL alone' {
        $one = [EchoNet.WhatwgUrl]::new('https://example.com/')
        $two = [EchoNet.WhatwgUrl]::new('https://example.com/')
        $one.Pathname = '/changed'
        $two.Href | Should -Be 'https://example.com/'
    }

    It 'works on URLs straight from ConvertFrom-Url in the pipeline' {
        $hrefs = 'https://a.example/x', 'https://b.example/y' | ConvertFrom-Url | ForEach-Object { $_.Protocol = 'http'; $_.Port = '8080'; $_.Href }
        $hrefs | Should -Be 'http://a.example:8080/x', 'http://b.example:8080/y'
    }
}

Describe 'WhatwgUrl setters with bad input' {
    It 'NUL in <Attribute> gives <Expected>' -ForEach @(
        @{ Attribute = 'Pathname'; Value = "/a`0b"; Expected = '/a%00b' }
        @{ Attribute = 'Search'; Value = "q=`0"; Expected = '?q=%00' }
        @{ Attribute = 'Hash'; Value = "`0"; Expected = '#%00' }
        @{ Attribute = 'Username'; Value = "u`0"; Expected = 'u%00' }
        @{ Attribute = 'Hostname'; Value = "exa`0mple.org"; Expected = 'example.com' }   # a forbidden host code point: no change
        @{ Attribute = 'Port'; Value = "81`0"; Expected = '81' }                        # the port state stops at the first non-digit
        @{ Attribute = 'Protocol'; Value = "ht`0tp"; Expected = 'https:' }             # not a scheme: no change
    ) {
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/')
        $url.$Attribute = $Value
        $url.$Attribute | Should -Be $Expected
        Compare-WithFreshParse $url | Should -BeNullOrEmpty
    }

    It 'a lone surrogate in <Attribute> gives <Expected>, as WPT expects' -ForEach @(
        @{ Start = 'https://example.com/'; Attribute = 'Pathname'; Value = "/a$([char]0xD800)b"; Expected = '/a%EF%BF%BDb' }
        @{ Start = 'https://example.com/'; Attribute = 'Search'; Value = "x=$([char]0xDC00)"; Expected = '?x=%EF%BF%BD' }
        @{ Start = 'https://example.com/'; Attribute = 'Hash'; Value = "$([char]0xDBFF)"; Expected = '#%EF%BF%BD' }
        @{ Start = 'https://example.com/'; Attribute = 'Password'; Value = "p$([char]0xD83D)"; Expected = 'p%EF%BF%BD' }
        @{ Start = 'https://example.com/'; Attribute = 'Hostname'; Value = "a$([char]0xD800).example"; Expected = 'example.com' } # U+FFFD is not allowed in a domain
        @{ Start = 'sc://h/'; Attribute = 'Hostname'; Value = "x$([char]0xD800)"; Expected = 'x%EF%BF%BD' }                      # an opaque host encodes it
        @{ Start = 'https://example.com/'; Attribute = 'Hash'; Value = "$([char]0xD83D)$([char]0xDCA9)"; Expected = '#%F0%9F%92%A9' } # a pair is one code point
    ) {
        $url = [EchoNet.WhatwgUrl]::new($Start)
        $url.$Attribute = $Value
        $url.$Attribute | Should -Be $Expected
        Compare-WithFreshParse $url | Should -BeNullOrEmpty
    }

    It 'a lone surrogate set through Search reaches SearchParams as U+FFFD' {
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/')
        $url.Search = "x=$([char]0xDC00)"
        $url.SearchParams.Get('x') | Should -Be ([string][char]0xFFFD)
    }

    It '1 MB values: set in full where valid, rejected whole where not, and the URL stays consistent' {
        $mb = 1024 * 1024
        $big = 'a' * $mb
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/')
        $url.Pathname = "/$big"
        $url.Pathname.Length | Should -Be ($mb + 1)
        $url.Search = $big
        $url.Search.Length | Should -Be ($mb + 1)
        $url.Hash = $big
        $url.Hash.Length | Should -Be ($mb + 1)
        $url.Username = $big
        $url.Username.Length | Should -Be $mb
        $url.Hostname = "$big.example"
        $url.Hostname.Length | Should -Be ($mb + 8)
        $url.Port = '9' * $mb
        $url.Port | Should -Be ''
        $url.Href.Length | Should -BeGreaterThan (5 * $mb)
        Compare-WithFreshParse $url | Should -BeNullOrEmpty
        $before = $url.Href
        $caught = $null
        try { $url.Href = ' ' + $big } catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType ([EchoNet.Url.UrlFormatException])
        $caught.Message.Length | Should -BeLessThan 1000
        $url.Href | Should -Be $before
    }

    It '$null is taken as the empty string' {
        $url = [EchoNet.WhatwgUrl]::new('https://u:p@example.com:81/a?b#c')
        $url.Search = $null
        $url.Hash = $null
        $url.Port = $null
        $url.Password = $null
        $url.Href | Should -Be 'https://u@example.com/a'
        { $url.Href = $null } | Should -Throw
        $url.Href | Should -Be 'https://u@example.com/a'
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'ConvertFrom-Url' {
    Context 'input' {
        It 'takes URL strings from the pipeline, one object each, in order' {
            $urls = 'https://a.example/x', 'HTTP://B.EXAMPLE:80/y' | ConvertFrom-Url
            $urls.Count | Should -Be 2
            $urls[0].Href | Should -Be 'https://a.example/x'
            $urls[1].Href | Should -Be 'http://b.example/y'
            $urls[0] | Should -BeOfType ([EchoNet.WhatwgUrl])
        }

        It 'takes the URL by property name <Name>' -ForEach @(
            @{ Name = 'Url' }, @{ Name = 'Uri' }, @{ Name = 'Href' }
        ) {
            $record = [pscustomobject]@{ $Name = 'https://example.com/by-name' }
            ($record | ConvertFrom-Url).Pathname | Should -Be '/by-name'
        }

        It 'takes an array by parameter' {
            (ConvertFrom-Url -Url 'a:b', 'c:d').Scheme | Should -Be 'a', 'c'
        }

        It 'resolves relative references against -BaseUrl' {
            $url = ConvertFrom-Url '../c?d#e' -BaseUrl 'https://example.com/a/b/'
            $url.Href | Should -Be 'https://example.com/a/c?d#e'
            (ConvertFrom-Url '//other.example/' -BaseUrl 'https://example.com/').Href | Should -Be 'https://other.example/'
            (ConvertFrom-Url 'x' 'https://example.com/dir/page').Href | Should -Be 'https://example.com/dir/x'
        }

        It 'takes BaseUrl by property name, per record' {
            $records = [pscustomobject]@{ Url = 'x'; BaseUrl = 'https://one.example/' },
                       [pscustomobject]@{ Url = 'y'; BaseUrl = 'https://two.example/' }
            ($records | ConvertFrom-Url).Href | Should -Be 'https://one.example/x', 'https://two.example/y'
        }

        It 'resolves the empty string to the base without its fragment' {
            (ConvertFrom-Url '' -BaseUrl 'https://example.com/p?q#f').Href | Should -Be 'https://example.com/p?q'
        }
    }

    Context 'output' {
        It 'gives the URL Standard components plus the conveniences' {
            $url = ConvertFrom-Url 'https://user:pa%20ss@Example.COM:8443/a/./b/../c?x=1#frag'
            $url.Href | Should -Be 'https://user:pa%20ss@example.com:8443/a/c?x=1#frag'
            $url.Origin | Should -Be 'https://example.com:8443'
            $url.Protocol | Should -Be 'https:'
            $url.Scheme | Should -Be 'https'
            $url.Username | Should -Be 'user'
            $url.Password | Should -Be 'pa%20ss'
            $url.Host | Should -Be 'example.com:8443'
            $url.Hostname | Should -Be 'example.com'
            $url.Port | Should -Be '8443'
            $url.EffectivePort | Should -Be 8443
            $url.Pathname | Should -Be '/a/c'
            $url.PathSegments | Should -Be 'a', 'c'
            $url.Search | Should -Be '?x=1'
            $url.Query | Should -Be 'x=1'
            $url.Hash | Should -Be '#frag'
            $url.Fragment | Should -Be 'frag'
            $url.HostType | Should -Be 'Domain'
            $url.IsSpecial | Should -BeTrue
            $url.HasOpaquePath | Should -BeFalse
        }

        It 'fills in the default port as EffectivePort for <Url>' -ForEach @(
            @{ Url = 'https://example.com/'; Port = ''; Effective = 443 }
            @{ Url = 'http://example.com:80/'; Port = ''; Effective = 80 }
            @{ Url = 'ws://example.com/'; Port = ''; Effective = 80 }
            @{ Url = 'ftp://example.com/'; Port = ''; Effective = 21 }
            @{ Url = 'sc://example.com:99/'; Port = '99'; Effective = 99 }
        ) {
            $parsed = ConvertFrom-Url $Url
            $parsed.Port | Should -Be $Port
            $parsed.EffectivePort | Should -Be $Effective
        }

        It 'has no EffectivePort for file: and for non-special URLs without a port' {
            (ConvertFrom-Url 'file:///tmp/x').EffectivePort | Should -BeNullOrEmpty
            (ConvertFrom-Url 'sc://host/').EffectivePort | Should -BeNullOrEmpty
        }

        It 'tells a missing query or fragment (null) from an empty one' {
            $bare = ConvertFrom-Url 'https://example.com/'
            $bare.Query | Should -BeNullOrEmpty
            $null -eq $bare.Query | Should -BeTrue
            $null -eq $bare.Fragment | Should -BeTrue
            $empty = ConvertFrom-Url 'https://example.com/?#'
            $empty.Query | Should -BeExactly ''
            $empty.Fragment | Should -BeExactly ''
            $empty.Search | Should -BeExactly ''
            $empty.Href | Should -Be 'https://example.com/?#'
        }

        It 'decodes query parameters in order, keeping repeated keys' {
            $url = ConvertFrom-Url 'https://example.com/search?tag=a&q=caf%C3%A9+au+lait&tag=b&empty=&flag&=v'
            $pairs = $url.QueryParameters
            $pairs.Name | Should -Be 'tag', 'q', 'tag', 'empty', 'flag', ''
            $pairs.Value | Should -Be 'a', 'café au lait', 'b', '', '', 'v'
            ($pairs | Where-Object Name -EQ 'tag').Value | Should -Be 'a', 'b'
            (ConvertFrom-Url 'https://example.com/').QueryParameters.Count | Should -Be 0
        }

        It 'reports the host type <Type> for <Url>' -ForEach @(
            @{ Url = 'https://example.com/'; Type = 'Domain'; Hostname = 'example.com' }
            @{ Url = 'http://0x7f.1/'; Type = 'IPv4'; Hostname = '127.0.0.1' }
            @{ Url = 'http://[0:0::1]/'; Type = 'IPv6'; Hostname = '[::1]' }
            @{ Url = 'sc://Some%20Host/'; Type = 'Opaque'; Hostname = 'Some%20Host' }
            @{ Url = 'file:///etc/hosts'; Type = 'Empty'; Hostname = '' }
            @{ Url = 'mailto:someone@example.com'; Type = 'None'; Hostname = '' }
        ) {
            $parsed = ConvertFrom-Url $Url
            $parsed.HostType | Should -Be $Type
            $parsed.Hostname | Should -Be $Hostname
        }

        It 'keeps an opaque path whole' {
            $url = ConvertFrom-Url 'mailto:someone@example.com?subject=hi'
            $url.HasOpaquePath | Should -BeTrue
            $url.Pathname | Should -Be 'someone@example.com'
            $url.PathSegments.Count | Should -Be 0
            $url.Origin | Should -Be 'null'
        }

        It 'shows an IDN host in Unicode as DisplayHostname and in ASCII everywhere else' {
            $url = ConvertFrom-Url 'https://Bücher.example/straße'
            $url.Hostname | Should -Be 'xn--bcher-kva.example'
            $url.Href | Should -Be 'https://xn--bcher-kva.example/stra%C3%9Fe'
            $url.DisplayHostname | Should -Be 'bücher.example'
            (ConvertFrom-Url 'https://xn--bcher-kva.example/').DisplayHostname | Should -Be 'bücher.example'
            (ConvertFrom-Url 'http://127.1/').DisplayHostname | Should -Be '127.0.0.1'
        }

        It 'turns into its href as a string' {
            $url = ConvertFrom-Url 'HTTPS://Example.com/a b'
            $url.ToString() | Should -Be 'https://example.com/a%20b'
            "$url" | Should -Be 'https://example.com/a%20b'
            [string]$url | Should -Be $url.Href
        }

        It 'declares its output type' {
            (Get-Command ConvertFrom-Url).OutputType.Type | Should -Be ([EchoNet.WhatwgUrl])
        }

        It 'has a table view that fits 80 columns and a list view with every property' {
            $urls = 'https://example.com/a/b?c=d#e', 'https://a-rather-long-host-name.example.org:8443/and/a/long/path/too?with=query&and=more#fragment' | ConvertFrom-Url
            $table = $urls | Format-Table | Out-String -Width 80
            $table | Should -Match 'Scheme'
            foreach ($line in $table -split "`r?`n") { $line.Length | Should -BeLessOrEqual 80 }
            $list = $urls[0] | Format-List | Out-String -Width 200
            foreach ($name in 'Href', 'Origin', 'EffectivePort', 'QueryParameters', 'PathSegments', 'HostType', 'DisplayHostname') {
                $list | Should -Match "(?m)^$name\s+:"
            }
        }
    }

    Context 'errors' {
        It 'writes a non-terminating InvalidUrl error per bad input and goes on' {
            $errors = $null
            $urls = 'https://ok.example/', 'not a url', 'http://[::1/', 'https://also-ok.example/' |
                ConvertFrom-Url -ErrorAction SilentlyContinue -ErrorVariable errors
            $urls.Href | Should -Be 'https://ok.example/', 'https://also-ok.example/'
            $errors.Count | Should -Be 2
            foreach ($record in $errors) {
                $record.FullyQualifiedErrorId | Should -Be 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand'
                $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            $errors[0].TargetObject | Should -Be 'not a url'
            $errors[0].Exception.Message | Should -Match 'missing-scheme-non-relative-URL'
            $errors[1].TargetObject | Should -Be 'http://[::1/'
            $errors[1].Exception.Message | Should -Match 'IPv6-unclosed'
        }

        It 'says why, in the Standard''s terms, for <Url>' -ForEach @(
            @{ Url = 'https://example.com:99999/'; Name = 'port-out-of-range' }
            @{ Url = 'https://example.com:8o/'; Name = 'port-invalid' }
            @{ Url = 'https://'; Name = 'host-missing' }
            @{ Url = 'https://1.2.3.4.5/'; Name = 'IPv4-too-many-parts' }
            @{ Url = 'https://exa mple.com/'; Name = 'domain-invalid-code-point' }
        ) {
            $errors = $null
            ConvertFrom-Url $Url -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].Exception.Message | Should -BeLike "*($Name)*"
        }

        It 'rejects null and, without a base, the empty string' {
            $errors = $null
            $out = @($null, '', 'https://example.com/') | ConvertFrom-Url -ErrorAction SilentlyContinue -ErrorVariable errors
            $out.Href | Should -Be 'https://example.com/'
            $errors.Count | Should -Be 2
            $errors.FullyQualifiedErrorId | Should -Be 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand', 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand'
        }

        It 'reports an invalid -BaseUrl as InvalidBaseUrl with the base as target' {
            $errors = $null
            ConvertFrom-Url 'x' -BaseUrl 'no scheme' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidBaseUrl,EchoNet.Commands.ConvertFromUrlCommand'
            $errors[0].TargetObject | Should -Be 'no scheme'
        }

        It 'stops the pipeline on a bad URL with -ErrorAction Stop' {
            { 'bad', 'https://example.com/' | ConvertFrom-Url -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand'
        }
    }

    Context 'large and deep inputs' {
        It 'parses a 1 MB URL' {
            $segment = 'a' * 1MB
            $url = ConvertFrom-Url "https://example.com/${segment}?${segment}#${segment}"
            $url.Pathname.Length | Should -Be (1MB + 1)
            $url.Query.Length | Should -Be 1MB
            $url.Fragment.Length | Should -Be 1MB
        }

        It 'parses a 1 MB path of dot segments without deep recursion' {
            $deep = ('a/' * 100000) + ('../' * 100000) + ('./' * 100000) + 'end'
            (ConvertFrom-Url "https://example.com/$deep").Pathname | Should -Be '/end'
            (ConvertFrom-Url "file:///C:/$('../' * 100000)x").Href | Should -Be 'file:///C:/x'
        }

        It 'parses a 1 MB host, a long IDN host and a long IPv4 number' {
            (ConvertFrom-Url "https://$('a.' * 500000)com/").Hostname.Length | Should -Be (1000000 + 3)
            (ConvertFrom-Url "https://$('ü.' * 20000)com/").Hostname | Should -BeLike 'xn--tda.xn--tda.*.com'
            $errors = $null
            ConvertFrom-Url "http://$('9' * 1MB)/" -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
            $errors[0].Exception.Message | Should -Match 'IPv4-out-of-range-part'
        }

        It 'parses a 1 MB opaque path and credentials with many @' {
            (ConvertFrom-Url "data:text/plain,$('x' * 1MB)").Pathname.Length | Should -Be (1MB + 'text/plain,'.Length)
            $url = ConvertFrom-Url "https://$('u@' * 100000)example.com/"
            $url.Hostname | Should -Be 'example.com'
            $url.Username.Length | Should -Be (100000 + 99999 * 3) -Because "each earlier @ is kept as %40"
        }
    }
}

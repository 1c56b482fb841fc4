# EchoNet.UrlSearchParams and WhatwgUrl.SearchParams: WPT's URLSearchParams and urlencoded-parser
# cases in full, then what PowerShell users do with them, then bad input.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
    Import-Module (Join-Path $PSScriptRoot 'UrlConformance.psm1') -Force
    $wpt = Join-Path $PSScriptRoot 'data/wpt'
}

Describe 'WPT URLSearchParams conformance' {
    It 'urlsearchparams-cases.json: all 91 transcribed WPT tests (urlsearchparams-*.any.js, url-searchparams.any.js)' {
        Assert-AllPassed (Test-SearchParamsData (Join-Path $wpt 'urlsearchparams-cases.json')) 91
    }

    It 'urlencoded-parser-data.json: all 35 cases' {
        Assert-AllPassed (Test-UrlencodedParserData (Join-Path $wpt 'urlencoded-parser-data.json')) 35
    }
}

Describe 'SearchParams on a URL' {
    It 'is one live object: changes rewrite Search and Href' {
        $url = ConvertFrom-Url 'https://example.com/list?page=2&sort=asc#top'
        $params = $url.SearchParams
        [object]::ReferenceEquals($params, $url.SearchParams) | Should -BeTrue
        $params.Set('page', '3')
        $params.Append('tag', 'a b&c')
        $url.Href | Should -Be 'https://example.com/list?page=3&sort=asc&tag=a+b%26c#top'
        $params.Delete('sort')
        $url.Search | Should -Be '?page=3&tag=a+b%26c'
        $url.QueryParameters.Name | Should -Be 'page', 'tag'
    }

    It 'an emptied list drops the ? (the fragment stays)' {
        $url = ConvertFrom-Url 'https://example.com/?a=1#f'
        $url.SearchParams.Delete('a')
        $url.Href | Should -Be 'https://example.com/#f'
        $url.Query | Should -BeNullOrEmpty
    }

    It 'setting Search refills it; an empty Search empties it' {
        $url = ConvertFrom-Url 'https://example.com/?a=1'
        $params = $url.SearchParams
        $url.Search = '?b=2&b=3'
        $params.GetAll('b') | Should -Be '2', '3'
        $params.Size | Should -Be 2
        $url.Search = ''
        $params.Count | Should -Be 0
    }

    It 'enumerates as Name/Value pairs in the pipeline' {
        $url = ConvertFrom-Url 'https://example.com/?utm_source=x&id=7&utm_medium=y'
        @($url.SearchParams | Where-Object Name -like 'utm_*').Value | Should -Be 'x', 'y'
        foreach ($name in @($url.SearchParams | Where-Object Name -like 'utm_*').Name) { $url.SearchParams.Delete($name) }
        $url.Href | Should -Be 'https://example.com/?id=7'
    }

    It 'Sort is stable and compares UTF-16 code units' {
        $url = ConvertFrom-Url "https://example.com/?b=1&a=2&b=0&$([char]0xFB03)=x&$([char]0xD83C)$([char]0xDF08)=y"
        $url.SearchParams.Sort()
        @($url.SearchParams).Name | Should -Be 'a', 'b', 'b', "$([char]0xD83C)$([char]0xDF08)", "$([char]0xFB03)"
        $url.SearchParams.GetAll('b') | Should -Be '1', '0'
    }

    It 'is built from a hashtable, an [ordered] dictionary, pairs or a string' {
        [EchoNet.UrlSearchParams]::new([ordered]@{ q = 'a b'; n = 1 }).ToString() | Should -Be 'q=a+b&n=1'
        [EchoNet.UrlSearchParams]::new(@{ only = 'one' }).ToString() | Should -Be 'only=one'
        [EchoNet.UrlSearchParams]::new('?x=1&x=2').GetAll('x') | Should -Be '1', '2'
        $url = ConvertFrom-Url 'https://example.com/?k=v'
        $copy = [EchoNet.UrlSearchParams]::new([System.Collections.Generic.IEnumerable[EchoNet.UrlQueryParameter]]$url.SearchParams)
        $copy.Append('more', '1')
        $url.Search | Should -Be '?k=v'
    }

    It 'a standalone UrlSearchParams changes no URL' {
        $params = [EchoNet.UrlSearchParams]::new('a=1')
        $params.Append('b', '2')
        $params.ToString() | Should -Be 'a=1&b=2'
    }
}

Describe 'SearchParams with bad input' {
    It 'empty names and values are kept, found and serialized' {
        $url = ConvertFrom-Url 'https://example.com/?=&=x&y='
        $params = $url.SearchParams
        $params.Size | Should -Be 3
        $params.GetAll('') | Should -Be '', 'x'
        $params.Get('y') | Should -Be ''
        $params.Has('', 'x') | Should -BeTrue
        $params.Append('', '')
        $url.Search | Should -Be '?=&=x&y=&='
        $params.Delete('', '')
        $url.Search | Should -Be '?=x&y='
        $params.Delete('')
        $url.Search | Should -Be '?y='
        $params.Set('', '')
        $url.Search | Should -Be '?y=&='
    }

    It 'Get gives $null for a missing name, GetAll an empty array' {
        $params = [EchoNet.UrlSearchParams]::new('a=1')
        $params.Get('missing') | Should -BeNullOrEmpty
        $null -eq $params.Get('missing') | Should -BeTrue
        $params.GetAll('missing').Count | Should -Be 0
    }

    It '$null names and values are the empty string' {
        $params = [EchoNet.UrlSearchParams]::new()
        $params.Append($null, $null)
        $params.ToString() | Should -Be '='
        $params.Has($null) | Should -BeTrue
        [EchoNet.UrlSearchParams]::new([string]$null).Size | Should -Be 0
    }

    It 'NUL and lone surrogates: NUL kept and encoded, a lone surrogate becomes U+FFFD' {
        $params = [EchoNet.UrlSearchParams]::new()
        $params.Append("a`0", "x$([char]0xD800)")
        $params.ToString() | Should -Be 'a%00=x%EF%BF%BD'
        $params.Get("a`0") | Should -Be "x$([char]0xFFFD)"
        $params.Has("a`0", "x$([char]0xDFFF)") | Should -BeTrue
    }

    It 'a 1 MB value round-trips through the URL' {
        $big = 'v' * 1MB
        $url = ConvertFrom-Url 'https://example.com/'
        $url.SearchParams.Append('k', $big)
        $url.Search.Length | Should -Be (1MB + 3)
        ([EchoNet.WhatwgUrl]::new($url.Href)).SearchParams.Get('k') | Should -Be $big
    }
}

Describe 'SearchParams scale linearly (issue 26 item 6)' {
    BeforeAll {
        # The best of five interleaved timings of $Work at n, 2n, 4n and 8n, after a warm-up and
        # each after a full collection (so no timing pays for another's garbage): linear work
        # gives t(8n)/t(n) near 8, quadratic near 64, far enough apart to tell on a busy machine.
        # Ratios of one run, never absolute times. A first round already past 64 ends the
        # measurement (a quadratic regression fails in seconds). $Setup (not timed) makes what
        # $Work gets from the size; by default the size itself.
        function Measure-Growth([scriptblock] $Work, [int] $N, [scriptblock] $Setup = { param($n) $n }) {
            $null = & $Work (& $Setup $N)
            $best = @{ 1 = [double]::MaxValue; 2 = [double]::MaxValue; 4 = [double]::MaxValue; 8 = [double]::MaxValue }
            for ($round = 0; $round -lt 5 -and ($round -eq 0 -or $best[8] / $best[1] -lt 64); $round++) {
                foreach ($k in 1, 2, 4, 8) {
                    $prepared = & $Setup ($N * $k)
                    [GC]::Collect()
                    [GC]::WaitForPendingFinalizers()
                    $watch = [System.Diagnostics.Stopwatch]::StartNew()
                    $null = & $Work $prepared
                    $best[$k] = [math]::Min($best[$k], $watch.Elapsed.TotalMilliseconds)
                }
            }
            $growth = [pscustomobject]@{ N = $N; Ms = '{0:N1}/{1:N1}/{2:N1}/{3:N1}' -f $best[1], $best[2], $best[4], $best[8]; Ratio = $best[8] / $best[1] }
            Write-Host "n, 2n, 4n, 8n (n=$N): $($growth.Ms) ms, t(8n)/t(n) = $([math]::Round($growth.Ratio, 2))"
            $growth
        }
        function New-Record([int] $Keys, [switch] $Ordered) {
            $record = if ($Ordered) { [ordered]@{} } else { @{} }
            for ($i = 0; $i -lt $Keys; $i++) { $record["k$i"] = $i }
            $record
        }
    }

    It 'appending to a URL''s live list is O(1) per call; the href is written once, when read' {
        $growth = Measure-Growth -N 2000 {
            param($n)
            $url = [EchoNet.WhatwgUrl]::new('https://example.com/p?x=0#f')
            $params = $url.SearchParams
            for ($i = 0; $i -lt $n; $i++) { $params.Append("k$i", 'v') }
            $url.Href
        }
        $growth.Ratio | Should -BeLessThan 24 -Because "linear gives about 8, a rewrite per append about 64 ($($growth.Ms) ms)"
        # The lazily written href is the serialized list, the fragment kept.
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/p?x=0#f')
        1..3 | ForEach-Object { $url.SearchParams.Append("k$_", 'v w') }
        $url.Href | Should -Be 'https://example.com/p?x=0&k1=v+w&k2=v+w&k3=v+w#f'
    }

    It 'the hashtable and [ordered] constructors and the cast are linear in the keys' {
        $records = @{}
        # Small records, many times: past a few thousand keys the machine's caches, not the
        # algorithm, bend the curve.
        foreach ($k in 1, 2, 4, 8) { $records[$k] = New-Record (500 * $k) -Ordered }
        $growth = Measure-Growth -N 500 {
            param($n)
            $record = $records[$n / 500]
            for ($r = 0; $r -lt 40; $r++) { $null = [EchoNet.UrlSearchParams]::new($record) }
        }
        $growth.Ratio | Should -BeLessThan 24 -Because "linear gives about 8, a scan per key about 64 ($($growth.Ms) ms)"
        $cast = [EchoNet.UrlSearchParams](New-Record 3 -Ordered)
        $cast.ToString() | Should -Be 'k0=0&k1=1&k2=2'
    }

    It 'deleting while enumerating is linear, and keeps the browser''s by-position iteration' {
        $query = { param($n) [EchoNet.WhatwgUrl]::new('https://example.com/?' + ((0..($n - 1) | ForEach-Object { "k$_=v" }) -join '&')) }
        $growth = Measure-Growth -N 2000 -Setup $query {
            param($url)
            $params = $url.SearchParams
            foreach ($pair in $params) { $params.Delete($pair.Name) }
            $url.Href
        }
        $growth.Ratio | Should -BeLessThan 24 -Because "linear gives about 8, a scan per delete about 64 ($($growth.Ms) ms)"
        # By position, as a browser iterates: deleting the current pair skips the next one.
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/?a=1&b=2&c=3&d=4&e=5#f')
        $seen = foreach ($pair in $url.SearchParams) { $pair.Name; $url.SearchParams.Delete($pair.Name) }
        $seen | Should -Be 'a', 'c', 'e'
        $url.Href | Should -Be 'https://example.com/?b=2&d=4#f'
        $url.SearchParams.Size | Should -Be 2
    }

    It 'a list with many removed pairs still finds, sets, sorts and serializes the right ones' {
        $params = [EchoNet.UrlSearchParams]::new(((0..199 | ForEach-Object { "n$($_ % 7)=$_" }) -join '&'))
        foreach ($r in 0..4) { $params.Delete("n$r") }      # most slots emptied: the list compacts
        $params.Size | Should -Be 56
        $params.GetAll('n6')[0..2] | Should -Be '6', '13', '20'
        $params.Set('n5', 'x')
        $params.GetAll('n5') | Should -Be 'x'
        $params.Append('a', 'last')
        @($params)[0].Name | Should -Be 'n5'
        @($params)[1].Value | Should -Be '6'
        $params.Sort()
        @($params)[0] | ForEach-Object { "$($_.Name)=$($_.Value)" } | Should -Be 'a=last'
        @($params)[1..2] | ForEach-Object { "$($_.Name)=$($_.Value)" } | Should -Be 'n5=x', 'n6=6'
        $params.Size | Should -Be 30
    }

    It 'a URL changed through SearchParams is current for every reader: setters, equality, a relative parse' {
        $url = [EchoNet.WhatwgUrl]::new('https://example.com/a?x=1#f')
        $url.SearchParams.Append('y', '2')
        $url.Hash = '#g'                                           # a setter starts from the current query
        $url.Href | Should -Be 'https://example.com/a?x=1&y=2#g'
        $url.SearchParams.Delete('x')
        $url -eq [EchoNet.WhatwgUrl]'https://example.com/a?y=2#g' | Should -BeTrue
        $url.SearchParams.Append('z', '3')
        [EchoNet.Url.UrlParser]::ParseAgainst('#h', $url).Url.Href | Should -Be 'https://example.com/a?y=2&z=3#h'
        $url.SearchParams.Append('w', '4')
        $url.Search = '?only=1'                                     # a newer query replaces pending changes
        $url.Href | Should -Be 'https://example.com/a?only=1#g'
        @($url.SearchParams).Name | Should -Be 'only'
        $url.SearchParams.Append('q', '5')
        $url.QueryParameters.Name | Should -Be 'only', 'q'
        ([uri]$url).Query | Should -Be '?only=1&q=5'
    }
}

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

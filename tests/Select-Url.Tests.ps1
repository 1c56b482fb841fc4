# Select-Url: match objects with the groups as properties (Group-Object, Export-Csv), first pattern
# wins or -AllMatches, -NotMatch, -BaseUrl for relative inputs and patterns, inputs of every kind,
# and bad input (wrong types, bad patterns, a runaway regexp) as errors while the pipeline goes on.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'Select-Url' {
    It 'writes a match per matching input with the named groups as properties' {
        $matches = @('https://example.com/api/v1/users/17', 'https://example.com/blog/x', 'https://example.com/api/v2/users/23' |
                Select-Url -Pattern 'https://example.com/api/:version/users/:id(\d+)')
        $matches.Count | Should -Be 2
        $matches[0].PSObject.TypeNames[0] | Should -BeExactly 'EchoNet.UrlPatternMatch'
        $matches[0].Input | Should -BeExactly 'https://example.com/api/v1/users/17'
        $matches[0].Url | Should -BeExactly 'https://example.com/api/v1/users/17'
        $matches[0].Pattern.Source | Should -BeExactly 'https://example.com/api/:version/users/:id(\d+)'
        $matches[0].version | Should -BeExactly 'v1'
        $matches[0].id | Should -BeExactly '17'
        $matches[1].id | Should -BeExactly '23'
        $matches[1].GetResult().Pathname.Input | Should -BeExactly '/api/v2/users/23'
        ($matches[1].GetGroups() | ForEach-Object Key) | Should -Be @('version', 'id')
    }

    It 'routes a log of paths against -BaseUrl, and Group-Object takes a group by name' {
        $paths = '/api/v1/users/1', '/api/v1/users/2', '/api/v2/users/3', '/static/app.js', '', '/api/v1/users/x'
        $byVersion = $paths | Select-Url '/api/:version/users/:id(\d+)' -BaseUrl 'https://shop.example' | Group-Object version | Sort-Object Name
        $byVersion.Name | Should -Be @('v1', 'v2')
        ($byVersion | ForEach-Object Count) | Should -Be @(2, 1)
    }

    It 'exports to CSV with the groups as columns' {
        $csv = Join-Path $TestDrive 'ids.csv'
        'https://shop.example/orders/1001?ref=mail', 'https://shop.example/orders/1002' |
            Select-Url 'https://shop.example/orders/:orderId(\d+)' | Export-Csv $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 2
        $rows.orderId | Should -Be @('1001', '1002')
        $rows[0].Input | Should -BeExactly 'https://shop.example/orders/1001?ref=mail'
        $rows[0].Pattern | Should -BeExactly 'https://shop.example/orders/:orderId(\d+)'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Result'
    }

    It 'lets the first matching pattern win, or writes every match with -AllMatches' {
        $patterns = 'https://example.com/api/*', 'https://example.com/api/:version/*', 'https://example.com/*'
        $first = @('https://example.com/api/v1/x' | Select-Url -Pattern $patterns)
        $first.Count | Should -Be 1
        $first[0].Pattern.Source | Should -BeExactly 'https://example.com/api/*'
        $all = @('https://example.com/api/v1/x' | Select-Url -Pattern $patterns -AllMatches)
        $all.Pattern.Source | Should -Be $patterns
        $all[1].version | Should -BeExactly 'v1'
    }

    It '-NotMatch writes the inputs no pattern matches, as they came' {
        $out = 'https://example.com/a', 'https://other.example/b', 'junk' | Select-Url 'https://example.com/*' -NotMatch
        $out | Should -Be @('https://other.example/b', 'junk')
    }

    It 'takes WhatwgUrl objects, hashtables of components and objects with a Url property' {
        $p = 'https://*.example.com/:page'
        (ConvertFrom-Url 'https://a.example.com/home' | Select-Url $p).page | Should -BeExactly 'home'
        (@{ protocol = 'https'; hostname = 'b.example.com'; pathname = '/about' } | Select-Url $p).page | Should -BeExactly 'about'
        ([pscustomobject]@{ Url = 'https://c.example.com/contact'; Status = 200 } | Select-Url $p).page | Should -BeExactly 'contact'
        ([uri]'https://d.example.com/faq' | Select-Url $p).page | Should -BeExactly 'faq'
    }

    It 'names a group that clashes with a property of the match with the suffix Group' {
        $m = 'https://example.com/a/b' | Select-Url 'https://example.com/:input/:pattern'
        $m.Input | Should -BeExactly 'https://example.com/a/b'
        $m.inputGroup | Should -BeExactly 'a'
        $m.patternGroup | Should -BeExactly 'b'
    }

    It 'goes on past inputs of the wrong type (InvalidUrlInputType) and lines that are not URLs' {
        $errors = $null
        $out = @('https://example.com/1', 42, 'not a url', (Get-Date), 'https://example.com/2' |
                Select-Url 'https://example.com/:n' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.n | Should -Be @('1', '2')
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeExactly 'InvalidUrlInputType,EchoNet.Commands.SelectUrlCommand' }
        "$($errors[0].CategoryInfo.Category)" | Should -BeExactly 'InvalidType'
        $errors[0].TargetObject | Should -Be 42
    }

    It 'reports a bad pattern once (InvalidUrlPattern) and applies the others' {
        $errors = $null
        $out = @('https://example.com/a', 'https://example.com/b' |
                Select-Url -Pattern 'https://example.com/:x(', 'https://example.com/:name' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.name | Should -Be @('a', 'b')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidUrlPattern,EchoNet.Commands.SelectUrlCommand'
        $errors[0].Exception.Component | Should -BeExactly 'pathname'
    }

    It 'refuses a hashtable pattern together with -BaseUrl (BaseUrlWithComponents)' {
        $errors = $null
        $out = @('/x' | Select-Url -Pattern @{ pathname = '/x' } -BaseUrl 'https://example.com' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BaseUrlWithComponents,EchoNet.Commands.SelectUrlCommand'
    }

    It 'reports a regexp that runs out of time (UrlPatternMatchTimeout) and goes on with the next input' {
        $slow = New-UrlPattern 'https://example.com/:x((?:a|aa)+(?=b))b' -MatchTimeout '00:00:00.100'
        $errors = $null
        $out = @(('https://example.com/' + ('a' * 60) + 'c'), 'https://example.com/aab' |
                Select-Url -Pattern $slow -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.Count | Should -Be 1
        $out[0].x | Should -BeExactly 'aa'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'UrlPatternMatchTimeout,EchoNet.Commands.SelectUrlCommand'
        "$($errors[0].CategoryInfo.Category)" | Should -BeExactly 'OperationTimeout'
    }

    It 'says with -Verbose why a line matched nothing' {
        $verbose = 'relative/path' | Select-Url 'https://example.com/*' -Verbose 4>&1
        "$verbose" | Should -Match 'is not a URL.*-BaseUrl'
    }
}

Describe 'Test-Url -Pattern' {
    It 'is $true only for URLs one of the patterns matches' {
        'https://eu.example.com/api/v2/orders', 'https://example.com/api/v2/orders', 'https://eu.example.com/blog/', 'junk' |
            Test-Url -Pattern 'https://*.example.com/api/*' | Should -Be @($true, $false, $false, $false)
        'https://example.com/a', 'https://example.org/b' | Test-Url -Pattern 'https://example.org/*', 'https://example.com/*' | Should -Be @($true, $true)
    }

    It 'completes relative inputs and patterns from -BaseUrl, and combines with -Strict' {
        '/docs/a', '/blog/b' | Test-Url -Pattern '/docs/*' -BaseUrl 'https://example.com' | Should -Be @($true, $false)
        'https://example.com/docs/a b' | Test-Url -Pattern 'https://example.com/docs/*' -Strict | Should -BeFalse
        'https://example.com/Docs/a' | Test-Url -Pattern 'https://example.com/docs/*' -IgnoreCase | Should -BeTrue
    }

    It 'reports a bad pattern as an error and answers with the others' {
        $errors = $null
        $out = 'https://example.com/x' | Test-Url -Pattern 'https://example.com/:a(', 'https://example.com/*' -ErrorAction SilentlyContinue -ErrorVariable errors
        $out | Should -BeTrue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidUrlPattern,EchoNet.Commands.TestUrlCommand'
    }
}

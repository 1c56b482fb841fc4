# New-UrlPattern and the core UrlPattern it returns: construction from a string (with a base) or a
# hashtable, the normalized components, Test/Exec over strings, hashtables and WhatwgUrl objects,
# JavaScript regexp semantics on .NET, the match timeout, and each construction error's id.
# The Standard's own cases are in UrlPattern.Conformance.Tests.ps1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'New-UrlPattern' {
    It 'builds from a constructor string and exposes each component normalized' {
        $p = New-UrlPattern 'https://Caf%C3%A9.Example.COM:443/Books/:id(\d+)\?x#y' # '\?': after a group a bare '?' would make it optional
        $p | Should -BeOfType ([EchoNet.UrlPattern])
        $p.Protocol | Should -BeExactly 'https'
        $p.Hostname | Should -BeExactly 'xn--caf-dma.example.com' # the host is IDNA-encoded, as the URL parser does
        $p.Port | Should -BeExactly ''                      # 443 is https's default
        $p.Pathname | Should -BeExactly '/Books/:id(\d+)'
        $p.Search | Should -BeExactly 'x'
        $p.Hash | Should -BeExactly 'y'
        $p.Username | Should -BeExactly '*'
        $p.HasRegExpGroups | Should -BeTrue
        (New-UrlPattern 'https://example.com/:id').HasRegExpGroups | Should -BeFalse
    }

    It 'takes a hashtable of components (missing ones are *) and a relative string against -BaseUrl' {
        $h = New-UrlPattern @{ hostname = '{*.}?example.com'; pathname = '/api/*' }
        $h.Protocol | Should -BeExactly '*'
        $h.Port | Should -BeExactly '*'
        $h.Test('http://a.b.example.com:8080/api/x') | Should -BeTrue
        $h.Test('http://example.com/api/') | Should -BeTrue
        $h.Test('http://example.org/api/') | Should -BeFalse
        $r = New-UrlPattern '../admin/*' -BaseUrl 'https://discussion.example/forum/?page=2'
        $r.Hostname | Should -BeExactly 'discussion.example'
        $r.Pathname | Should -BeExactly '/admin/*'
        $r.Test('https://edd:librarian@discussion.example/admin/update?id=1') | Should -BeTrue
        $r.Test('https://discussion.example/forum/admin/') | Should -BeFalse
    }

    It 'Test and Exec take a string (with a base), a hashtable and a WhatwgUrl alike' {
        $p = New-UrlPattern 'https://shop.example/products/:id(\d+)'
        $p.Test('https://shop.example/products/42') | Should -BeTrue
        $p.Test('/products/42', 'https://shop.example/') | Should -BeTrue
        $p.Test(@{ protocol = 'https'; hostname = 'shop.example'; pathname = '/products/42' }) | Should -BeTrue
        $p.Test((ConvertFrom-Url 'https://shop.example/products/42')) | Should -BeTrue
        $p.Test('https://shop.example/products/chair') | Should -BeFalse
        $p.Test('not a url') | Should -BeFalse
        $result = $p.Exec('https://shop.example/products/42?ref=x')
        $result.Pathname.Input | Should -BeExactly '/products/42'
        $result.Pathname['id'] | Should -BeExactly '42'
        $result.Search.Groups[0].Key | Should -BeExactly '0'
        $result.Search.Groups[0].Value | Should -BeExactly 'ref=x'
        $result.Inputs | Should -Be @('https://shop.example/products/42?ref=x')
        $p.Exec('https://shop.example/cart') | Should -BeNullOrEmpty
    }

    It 'gives $null for an optional group that took no part, and "" for one that matched nothing' {
        $p = New-UrlPattern 'https://{:sub.}?example.com/{:page}?'
        $r = $p.Exec('https://example.com')
        $r.Hostname['sub'] | Should -BeNullOrEmpty
        $null -eq $r.Hostname['sub'] | Should -BeTrue
        $r.Hostname.Groups.Count | Should -Be 1
        $null -eq $r.Pathname['page'] | Should -BeTrue
        $p.Exec('https://www.example.com/about').Hostname['sub'] | Should -BeExactly 'www'
        $w = (New-UrlPattern 'https://example.com/x*').Exec('https://example.com/x')
        $w.Pathname['0'] | Should -BeExactly ''
    }

    It '-IgnoreCase matches the pathname without regard to case; without it case counts' {
        (New-UrlPattern 'https://example.com/Docs/:page').Test('https://example.com/docs/a') | Should -BeFalse
        (New-UrlPattern 'https://example.com/Docs/:page' -IgnoreCase).Test('https://example.com/docs/a') | Should -BeTrue
        (New-UrlPattern 'https://example.com/Docs/:page(A+)' -IgnoreCase).Test('https://example.com/DOCS/aaA') | Should -BeTrue
    }

    It 'translates JavaScript regexp semantics: <Name>' -ForEach @(
        @{ Name = '\d is ASCII only'; Pattern = '/:x(\d+)'; Yes = '/123'; No = '/%D9%A3' }
        @{ Name = '\w is ASCII only'; Pattern = '/:x(\w+)'; Yes = '/a_1'; No = '/%C3%A9' }
        @{ Name = 'set subtraction'; Pattern = '/:x([[a-z]--[aeiou]]+)'; Yes = '/xyz'; No = '/xaz' }
        @{ Name = 'set intersection'; Pattern = '/:x([\d&&[0-4]]+)'; Yes = '/0413'; No = '/0415' }
        @{ Name = 'a named group inside does not shift the numbering'; Pattern = '/:x((?<inner>a)b)/:y'; Yes = '/ab/c'; No = '/b/c' }
        @{ Name = '\u{...} escapes'; Pattern = '/:x(\u{61}+)'; Yes = '/aaa'; No = '/b' }
        @{ Name = 'lookahead (backtracking engine)'; Pattern = '/:x(a(?=b)b)'; Yes = '/ab'; No = '/ac' }
    ) {
        $p = New-UrlPattern $Pattern -BaseUrl 'https://example.com'
        $p.Test("https://example.com$Yes") | Should -BeTrue
        $p.Test("https://example.com$No") | Should -BeFalse
    }

    It 'reads group values by the Standard''s numbering even with a named group inside a regexp' {
        (New-UrlPattern '/:x((?<inner>a)b)/:y' -BaseUrl 'https://e.x').Exec('https://e.x/ab/c').Pathname['y'] | Should -BeExactly 'c'
    }

    It 'runs patterns on the linear engine unless a regexp needs backtracking' {
        (New-UrlPattern 'https://*.example.com/:a/:b(\d+)/*').IsLinear | Should -BeTrue
        (New-UrlPattern 'https://example.com/:a(x(?=y)y)').IsLinear | Should -BeFalse
    }

    It 'bounds a backtracking regexp by -MatchTimeout: RegexMatchTimeoutException, not a hang' {
        $p = New-UrlPattern 'https://example.com/:x((?:a|aa)+(?=b))' -MatchTimeout '00:00:00.100'
        $p.MatchTimeout | Should -Be ([timespan]'00:00:00.100')
        $input = 'https://example.com/' + ('a' * 60) + 'c'
        $caught = $null
        try { $null = $p.Test($input) } catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType ([System.Text.RegularExpressions.RegexMatchTimeoutException])
    }

    It 'reports each construction error as a non-terminating error with a stable id: <Id>' -ForEach @(
        @{ Id = 'InvalidUrlPattern'; Pattern = 'https://example.com/:id('; Category = 'InvalidArgument'; Component = 'pathname'; Position = 4 }
        @{ Id = 'InvalidUrlPattern'; Pattern = 'https://example.com/:id/:id'; Category = 'InvalidArgument'; Component = 'pathname'; Position = 5 }
        @{ Id = 'InvalidUrlPattern'; Pattern = 'https://exa mple.com/'; Category = 'InvalidArgument'; Component = 'hostname'; Position = -2 }
        @{ Id = 'InvalidUrlPattern'; Pattern = 'https://example.com:99999/'; Category = 'InvalidArgument'; Component = 'port'; Position = -2 }
        @{ Id = 'InvalidUrlPattern'; Pattern = 'https://example.com/(\m)'; Category = 'InvalidArgument'; Component = 'pathname'; Position = -2 }
        @{ Id = 'InvalidUrlPattern'; Pattern = '/relative/only'; Category = 'InvalidArgument'; Component = $null; Position = -1 }
        @{ Id = 'UrlPatternNotSupported'; Pattern = 'https://example.com/:x(\p{Script=Greek})'; Category = 'NotImplemented'; Component = 'pathname'; Position = -2 }
        @{ Id = 'UnknownUrlPatternComponent'; Pattern = @{ path = '/x' }; Category = 'InvalidArgument'; Component = $null; Position = -2 }
        @{ Id = 'InvalidUrlPatternType'; Pattern = 42; Category = 'InvalidType'; Component = $null; Position = -2 }
    ) {
        $errors = $null
        $out = @(New-UrlPattern $Pattern -ErrorAction SilentlyContinue -ErrorVariable errors)
        $out.Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly "$Id,EchoNet.Commands.NewUrlPatternCommand"
        "$($errors[0].CategoryInfo.Category)" | Should -BeExactly $Category
        if ($Position -ne -2) {
            $errors[0].Exception.Component | Should -Be $Component
            $errors[0].Exception.Position | Should -Be $Position
        }
        elseif ($Component) { $errors[0].Exception.Component | Should -BeExactly $Component }
    }

    It 'refuses a hashtable together with -BaseUrl (BaseUrlWithComponents); baseURL inside the hashtable works' {
        $errors = $null
        New-UrlPattern @{ pathname = '/x' } -BaseUrl 'https://example.com' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BaseUrlWithComponents,EchoNet.Commands.NewUrlPatternCommand'
        (New-UrlPattern @{ pathname = '/x'; baseURL = 'https://example.com' }).Hostname | Should -BeExactly 'example.com'
    }

    It 'goes on past a bad pattern in the pipeline' {
        $errors = $null
        $patterns = @('https://a.example/:x', 'https://b.example/:x(', @{ pathname = '/y' }) | New-UrlPattern -ErrorAction SilentlyContinue -ErrorVariable errors
        @($patterns).Count | Should -Be 2
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -BeExactly 'https://b.example/:x('
    }

    It 'refuses inputs of the wrong type in Test and Exec (and a base beside components)' {
        $p = New-UrlPattern 'https://example.com/*'
        { $p.Test([object]42, [NullString]::Value) } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
        { $p.Exec([object]@{ pathname = '/x' }, 'https://example.com') } | Should -Throw
        { $p.Test([object][EchoNet.UrlPatternInit]@{ Pathname = '/x' }, 'https://example.com') } | Should -Throw '*base URL*'
    }

    It 'generates a URL component from group values, and orders patterns by specificity' {
        $p = New-UrlPattern @{ pathname = '/users/:id' }
        $groups = [System.Collections.Generic.Dictionary[string, string]]::new()
        $groups['id'] = 'a b'
        $p.Generate('pathname', $groups) | Should -BeExactly '/users/a%20b'
        [EchoNet.UrlPattern]::CompareComponent('pathname', $p, (New-UrlPattern @{ pathname = '/users/*' })) | Should -Be 1
    }
}

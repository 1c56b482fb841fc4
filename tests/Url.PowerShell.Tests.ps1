# How an EchoNet.WhatwgUrl fits PowerShell: it binds where [uri] is expected, compares by href,
# converts from a string, and the default table shows its Href.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'WhatwgUrl where [uri] is expected' {
    It 'casts with [uri]' {
        $uri = [uri](ConvertFrom-Url 'HTTPS://Example.COM:443/a/../b?q=1#f')
        $uri | Should -BeOfType ([System.Uri])
        $uri.AbsoluteUri | Should -Be 'https://example.com/b?q=1#f'
    }

    It 'binds to a [uri] parameter of a function' {
        function Get-UriParts { param([Parameter(Mandatory)][uri] $Uri) '{0}|{1}|{2}' -f $Uri.Host, $Uri.Port, $Uri.PathAndQuery }
        Get-UriParts -Uri (ConvertFrom-Url 'http://example.com:8080/p?x=y') | Should -Be 'example.com|8080|/p?x=y'
        ConvertFrom-Url 'https://a.example/' | ForEach-Object { Get-UriParts -Uri $_ } | Should -Be 'a.example|443|/'
    }

    It 'binds to Invoke-WebRequest -Uri: the request goes to the URL (a raw loopback listener answers)' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            # The listener answers one request and returns its request line; it is a plain .NET
            # socket, not EchoNet, and stops by itself (read timeout, listener stopped in finally).
            $job = Start-ThreadJob -ArgumentList $listener -ScriptBlock {
                param($listener)
                $client = $listener.AcceptTcpClient()
                try {
                    $client.ReceiveTimeout = 5000
                    $reader = [System.IO.StreamReader]::new($client.GetStream(), [System.Text.Encoding]::ASCII)
                    $requestLine = $reader.ReadLine()
                    while ($reader.ReadLine()) { }
                    $answer = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 200 OK`r`nContent-Type: text/plain`r`nContent-Length: 2`r`nConnection: close`r`n`r`nok")
                    $client.GetStream().Write($answer, 0, $answer.Length)
                    $requestLine
                }
                finally { $client.Dispose() }
            }
            $url = ConvertFrom-Url "http://127.0.0.1:$port/path/./x?q=a b"
            $response = Invoke-WebRequest -Uri $url -TimeoutSec 10 -UseBasicParsing
            $response.Content | Should -Be 'ok'
            $job | Wait-Job -Timeout 10 | Should -Not -BeNullOrEmpty
            Receive-Job $job | Should -Be 'GET /path/x?q=a%20b HTTP/1.1'
        }
        finally {
            $listener.Stop()
            Get-Job | Remove-Job -Force
        }
    }

    It 'ToUri() throws UriFormatException for a URL System.Uri cannot hold' {
        $url = ConvertFrom-Url 'sc://%/'   # an opaque host System.Uri rejects
        $caught = $null
        try { $null = $url.ToUri() } catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType ([System.UriFormatException])
    }
}

Describe '[uri] of a WhatwgUrl that System.Uri would change (issue 26 item 15)' {
    It 'refuses one System.Uri reads with another scheme, host or path: <Href>' -ForEach @(
        @{ Href = 'c:/foo'; Reason = "another scheme ('file' for 'c')" }
        @{ Href = 'file:////pig'; Reason = "another host ('pig' for '')" }
        @{ Href = 'non-special://host/a\b'; Reason = 'another path*' }
        @{ Href = 'non-special:\\opaque'; Reason = 'its text changed' }
    ) {
        $url = ConvertFrom-Url $Href
        $url.Href | Should -BeExactly $Href
        $caught = $null
        try { $null = [uri]$url } catch { $caught = $_.Exception.GetBaseException() }
        $caught | Should -BeOfType ([System.UriFormatException])
        $caught.Message | Should -BeLike "*reads the URL '$([WildcardPattern]::Escape($Href))' as *with $Reason*Use its Href string instead."
    }

    It 'converts one it only escapes differently, as the help says: <Href> -> <AbsoluteUri>' -ForEach @(
        @{ Href = 'foo://h/%zz'; AbsoluteUri = 'foo://h/%25zz' }
        @{ Href = 'non-special:opaque  x?hi'; AbsoluteUri = 'non-special:opaque%20%20x?hi' }
        @{ Href = 'http://example.com/foo%41%7a'; AbsoluteUri = 'http://example.com/fooAz' }
        @{ Href = 'http://[::7f00:1]/'; AbsoluteUri = 'http://[::127.0.0.1]/' }
        @{ Href = 'mailto:x@x.com#x'; AbsoluteUri = 'mailto:x@x.com#x' }
    ) {
        ([uri](ConvertFrom-Url $Href)).AbsoluteUri | Should -BeExactly $AbsoluteUri
    }
}

Describe 'Errors about a huge URL repeat a short part of it (issue 26 item 15)' {
    It 'ConvertFrom-Url: the message shows 200 characters and the length; TargetObject keeps the whole input' {
        $huge = 'http://exa mple.com/' + ('a' * 10MB)
        $huge | ConvertFrom-Url -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUrl,EchoNet.Commands.ConvertFromUrlCommand'
        $errs[0].Exception.Message.Length | Should -BeLessThan 400
        $errs[0].Exception.Message | Should -BeLike "Cannot parse 'http://exa mple.com/aaa*... ($($huge.Length) characters)' as a URL: *"
        [object]::ReferenceEquals($errs[0].TargetObject, $huge) | Should -BeTrue
        ($errs[0] | Out-String).Length | Should -BeLessThan 2000
    }

    It 'ConvertFrom-Url -BaseUrl and the WhatwgUrl constructor shorten it too' {
        $huge = 'http://exa mple.com/' + ('b' * 1MB)
        'x' | ConvertFrom-Url -BaseUrl $huge -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message.Length | Should -BeLessThan 400
        $caught = $null
        try { $null = [EchoNet.WhatwgUrl]::new($huge) } catch { $caught = $_.Exception.InnerException }
        $caught.Message.Length | Should -BeLessThan 400
    }
}

Describe 'WhatwgUrl equality' {
    It 'two parses of one URL are -eq, with equal hash codes' {
        $a = ConvertFrom-Url 'https://Example.com:443/a/./b'
        $b = ConvertFrom-Url 'HTTPS://example.COM/a/b'
        $a -eq $b | Should -BeTrue
        $a.Equals($b) | Should -BeTrue
        $a.GetHashCode() | Should -Be $b.GetHashCode()
        [object]::ReferenceEquals($a, $b) | Should -BeFalse
        $a -eq (ConvertFrom-Url 'https://example.com/a/c') | Should -BeFalse
    }

    It 'compares with a string by parsing it; a string that is not a URL is not equal' {
        $url = ConvertFrom-Url 'https://example.com/a?b'
        $url -eq 'HTTPS://EXAMPLE.COM/a?b' | Should -BeTrue
        $url -eq 'https://example.com/A?b' | Should -BeFalse
        $url -eq 'not a url' | Should -BeFalse
    }

    It 'de-duplicates in a HashSet and in Group-Object' {
        $urls = 'https://a.example/', 'HTTPS://A.EXAMPLE:443/', 'https://b.example/' | ConvertFrom-Url
        $set = [System.Collections.Generic.HashSet[EchoNet.WhatwgUrl]]::new()
        @($urls | Where-Object { $set.Add($_) }).Count | Should -Be 2
        @($urls | Group-Object).Count | Should -Be 2
    }

    It 'equality follows a setter' {
        $a = ConvertFrom-Url 'https://example.com/a'
        $b = ConvertFrom-Url 'https://example.com/b'
        $a.Pathname = '/b'
        $a -eq $b | Should -BeTrue
        $a.GetHashCode() | Should -Be $b.GetHashCode()
    }
}

Describe 'WhatwgUrl from a string' {
    It 'converts with [EchoNet.WhatwgUrl] and New-Object, and throws a UrlFormatException for a non-URL' {
        ([EchoNet.WhatwgUrl]'HTTP://x.example').Href | Should -Be 'http://x.example/'
        ([EchoNet.WhatwgUrl]::new('../c', 'https://h/a/b/')).Href | Should -Be 'https://h/a/c'
        $caught = $null
        try { $null = [EchoNet.WhatwgUrl]::new('x', 'not a base') } catch { $caught = $_.Exception.InnerException }
        $caught | Should -BeOfType ([EchoNet.Url.UrlFormatException])
        $caught.Error | Should -Be 'BaseUrlInvalid'
    }
}

Describe 'WhatwgUrl format views' {
    It 'the default table view shows the Href' {
        $text = ConvertFrom-Url 'https://example.com/a?b=1#c', 'mailto:someone@example.com' | Out-String -Width 200
        $header = ($text -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
        $header | Should -Match '\bHref\b'
        $text | Should -Match ([regex]::Escape('https://example.com/a?b=1#c'))
        $text | Should -Match ([regex]::Escape('mailto:someone@example.com'))
    }

    It 'the list view shows SearchParams as its pairs' {
        $text = ConvertFrom-Url 'https://example.com/?a=1&b=2' | Format-List | Out-String -Width 200
        $text | Should -Match 'SearchParams\s*:\s*\{a=1, b=2\}'
    }
}

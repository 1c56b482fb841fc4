# Long URL inputs (issue 13 item 3): canonical ordering of combining marks is linear, checked by
# its work count (no timings), and a CancellationToken stops a long parse from inside it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    # A host of 'a' and then alternating U+0301 (class 230) and U+0316 (class 220): canonical
    # ordering must move every U+0316 before every U+0301 of the same run.
    function New-MarksUrl([int] $Marks) {
        'http://a' + ([string][char]0x301 + [char]0x316) * ($Marks / 2) + '/'
    }

    # The comparisons and moves canonical ordering has made so far (an internal counter).
    $stepsField = [EchoNet.WhatwgUrl].Assembly.GetType('EchoNet.Url.Idna.Nfc', $true).GetField('OrderingSteps', [Reflection.BindingFlags]'NonPublic, Static')
    function Measure-OrderingSteps([string] $Url) {
        $before = $stepsField.GetValue($null)
        $result = [EchoNet.Url.UrlParser]::Parse($Url, [NullString]::Value)
        [pscustomobject]@{ Steps = $stepsField.GetValue($null) - $before; Result = $result }
    }
}

Describe 'Long URL inputs' {
    It 'canonical ordering is linear: 16 times the marks take about 16 times the steps, not 256' {
        $stepsField | Should -Not -BeNullOrEmpty
        $small = Measure-OrderingSteps (New-MarksUrl 4KB)
        $large = Measure-OrderingSteps (New-MarksUrl 64KB)
        Write-Host "ordering steps: 4 Ki marks $($small.Steps), 64 Ki marks $($large.Steps), ratio $([math]::Round($large.Steps / $small.Steps, 2))"
        $small.Steps | Should -BeGreaterThan 0
        $large.Steps / $small.Steps | Should -BeLessThan 20
    }

    It 'a 1 MiB host of combining marks parses with a work count linear in its length' {
        $measured = Measure-OrderingSteps (New-MarksUrl 1MB)
        Write-Host "ordering steps for 1 Mi marks: $($measured.Steps)"
        $measured.Steps | Should -BeLessThan (8 * 1MB)
        # The marks are sorted and the host is Punycode-encoded: a domain, not a failure.
        $measured.Result.IsValid | Should -BeTrue
        $measured.Result.Url.Hostname | Should -BeLike 'xn--*'
        @($measured.Result.ValidationErrors | ForEach-Object Name) | Should -Be 'domain-to-ASCII' # a label longer than 63
    }

    It 'a token cancelled before the parse stops it at once' {
        $source = [System.Threading.CancellationTokenSource]::new()
        $source.Cancel()
        $thrown = { [EchoNet.Url.UrlParser]::Parse('https://example.com/', [NullString]::Value, $source.Token) } | Should -Throw -PassThru
        $thrown.Exception.InnerException | Should -BeOfType ([System.OperationCanceledException])
        $source.Dispose()
    }

    It 'cancelling the token while a long parse runs stops it from inside' {
        # 64 Ki labels of 'a' and 64 marks: canonical ordering counts its first steps right at
        # the start of the work on the host, and all the rest (ordering, composition, labels,
        # Punycode) is still to come when the token is cancelled then, so only a check inside
        # the parse can stop it. No timing: the test waits for the counter, then cancels.
        $url = 'http://' + ('a' + ([string][char]0x301 + [char]0x316) * 32 + '.') * 64KB + 'example/'
        $source = [System.Threading.CancellationTokenSource]::new()
        $ps = [powershell]::Create()
        try {
            $before = $stepsField.GetValue($null)
            $null = $ps.AddScript({
                    param($Url, $Token)
                    try {
                        $result = [EchoNet.Url.UrlParser]::Parse($Url, [NullString]::Value, $Token)
                        "completed: valid $($result.IsValid)"
                    }
                    catch { $_.Exception.InnerException.GetType().FullName }
                }).AddArgument($url).AddArgument($source.Token)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($stepsField.GetValue($null) -eq $before -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                [System.Threading.Thread]::Sleep(1)
            }
            $source.Cancel()
            $async.AsyncWaitHandle.WaitOne(60000) | Should -BeTrue -Because 'a cancelled parse ends'
            $outcome = @($ps.EndInvoke($async))
            $outcome | Should -BeExactly 'System.OperationCanceledException' -Because 'the parse must not run to its end'
        }
        finally {
            $ps.Dispose()
            $source.Dispose()
        }
    }
}

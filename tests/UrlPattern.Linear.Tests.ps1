# URL patterns take time linear in the pattern and in the input: measured at n, 2n and 4n.
# Construction: the bytes allocated (a work count that does not depend on the machine's load)
# and the time, both of which a quadratic step (a string grown in a loop, a list searched for
# each name) would make grow 16-fold from n to 4n. Matching: the time of Test and Exec on inputs
# built to make a backtracking matcher explode (nested wildcards that almost match), the best of
# several runs, so that other load on the machine does not decide. Linear is 4-fold; the bound
# allows 10. Regular expressions with lookarounds run on the backtracking engine under a
# timeout instead (New-UrlPattern.Tests.ps1, Select-Url.Tests.ps1).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet

    function Measure-Best([scriptblock] $Work, [int] $Times = 5) {
        <# The shortest of several runs, in ticks; the first run warms the code up. #>
        & $Work | Out-Null
        $best = [long]::MaxValue
        for ($i = 0; $i -lt $Times; $i++) {
            [GC]::Collect() # a collection owed by an earlier run lands on none of the measured ones
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $Work | Out-Null
            $best = [Math]::Min($best, $watch.ElapsedTicks)
        }
        [Math]::Max($best, 1)
    }

    function Measure-Allocated([scriptblock] $Work) {
        & $Work | Out-Null
        $before = [GC]::GetAllocatedBytesForCurrentThread()
        & $Work | Out-Null
        [GC]::GetAllocatedBytesForCurrentThread() - $before
    }

    function Assert-Linear([string] $What, [double[]] $Costs) {
        $ratio2 = $Costs[1] / $Costs[0]
        $ratio4 = $Costs[2] / $Costs[0]
        Write-Host ('{0}: n -> 2n x{1:0.0}, n -> 4n x{2:0.0}' -f $What, $ratio2, $ratio4)
        $ratio4 | Should -BeLessThan 10 -Because "$What grew x$('{0:0.0}' -f $ratio4) from n to 4n (linear is 4, quadratic 16)"
    }
}

Describe 'URL patterns are linear in the pattern and the input' {
    It 'construction: <Name>' -ForEach @(
        @{ Name = 'a long literal pathname'; Make = { param($n) 'https://example.com/' + ('ab/' * $n) } }
        @{ Name = 'many named groups'; Make = { param($n) 'https://example.com' + (-join (1..$n | ForEach-Object { "/:p$_" })) } }
        # Fewer: each group is a capture of .NET's regex, whose collections grow with the live heap's GC cost.
        @{ Name = 'many regexp groups'; Make = { param($n) 'https://example.com' + ('/(a|b)' * [int]($n / 4)) } }
        @{ Name = 'many wildcards in a hostname'; Make = { param($n) 'https://' + ('*.' * $n) + 'example.com/' } }
        @{ Name = 'a relative pattern the constructor string parser reads to the end and rewinds'; Make = { param($n) '/' + ('a/' * $n) + ':id' } }
    ) {
        $sizes = 1000, 2000, 4000
        $patterns = $sizes | ForEach-Object { & $Make $_ }
        $base = 'https://example.com/'
        $bytes = foreach ($p in $patterns) { Measure-Allocated { [EchoNet.UrlPattern]::new($p, $base, $false, $null) }.GetNewClosure() }
        Assert-Linear "$Name (bytes allocated)" $bytes
        ($bytes[2] / $bytes[0]) | Should -BeLessThan 5 -Because 'allocation is a work count: linear gives 4'
        $ticks = foreach ($p in $patterns) { Measure-Best { [EchoNet.UrlPattern]::new($p, $base, $false, $null) }.GetNewClosure() }
        Assert-Linear "$Name (time)" $ticks
    }

    It 'matching: <Name>' -ForEach @(
        @{ Name = 'nested full wildcards that almost match'; Pattern = 'https://example.com/*/*/*/*/x'; Make = { param($n) 'https://example.com' + ('/a' * $n) + '/y' } }
        @{ Name = 'named groups split by text that is not the delimiter'; Pattern = 'https://example.com/:a-:b-:c.html'; Make = { param($n) 'https://example.com/' + ('-' * $n) + '.htm' } }
        @{ Name = 'a repeated optional hostname label'; Pattern = 'https://{:label.}*example.com/*'; Make = { param($n) 'https://' + ('a.' * $n) + 'examplx.com/' } }
        @{ Name = 'a repeated pathname group, ignoring case'; Pattern = 'https://example.com/:seg+/END'; Make = { param($n) 'https://example.com' + ('/s' * $n) + '/end/' }; IgnoreCase = $true }
    ) {
        $p = [EchoNet.UrlPattern]::new($Pattern, [NullString]::Value, [bool]$IgnoreCase, $null)
        $p.IsLinear | Should -BeTrue
        $inputs = 20000, 40000, 80000 | ForEach-Object { & $Make $_ }
        $p.Test($inputs[0]) | Should -BeFalse
        $test = foreach ($url in $inputs) { Measure-Best { $p.Test($url) }.GetNewClosure() }
        Assert-Linear "$Name (Test)" $test
        $exec = foreach ($url in $inputs) { Measure-Best { $p.Exec($url) }.GetNewClosure() }
        Assert-Linear "$Name (Exec)" $exec
    }
}

# -MaxReplyBytes has a documented maximum (1 GiB), and the reply buffer's growth stays within
# what a byte array can hold at that boundary (issue 13 item 12), checked without streaming gigabytes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe '-MaxReplyBytes maximum' {
    It 'accepts 1 GiB and refuses more with a parameter validation error (<Command>)' -ForEach @(
        @{ Command = 'Send-TcpMessage' }, @{ Command = 'Receive-TcpMessage' }
    ) {
        (Get-Command $Command).Parameters['MaxReplyBytes'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } |
            ForEach-Object { $_.MaxRange } | Should -Be 1GB
        # Bound before any connection or session is looked at.
        { & $Command -MaxReplyBytes (1GB + 1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Reply buffer growth at its boundary' {
    It 'doubles below the boundary' {
        [EchoNet.Client.BufferGrowth]::NextSize(4096, 4096, 1024) | Should -Be 8192
        [EchoNet.Client.BufferGrowth]::NextSize(4096, 100, 1024) | Should -Be 4096
    }

    It 'a full 1 GiB buffer plus one read grows to at most the largest byte array, never wrapping' {
        $size = [EchoNet.Client.BufferGrowth]::NextSize(1GB, 1GB, 16KB)
        $size | Should -BeGreaterOrEqual (1GB + 16KB)
        $size | Should -BeLessOrEqual ([EchoNet.Client.BufferGrowth]::MaxArrayLength)
    }

    It 'says -1 when no byte array can hold the bytes' {
        [EchoNet.Client.BufferGrowth]::NextSize(1GB, [int]::MaxValue - 10, 1024) | Should -Be -1
    }
}

# How ConvertFrom-Url (and Test-Url, which shares its input parameters) binds pipeline input: strings by value (the String parameter set, never
# searched for properties), other objects by property name (the PropertyName set), both in one
# pipeline. See the remarks on ConvertFromUrlCommand.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-EchoNet
}

Describe 'ConvertFrom-Url pipeline binding' {
    It 'parses the lines Get-Content writes (strings with PSPath, ReadCount and other note properties)' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "echonet-urls-$PID.txt"
        try {
            Set-Content -LiteralPath $file -Value 'https://a.example/x', '../y', 'HTTP://B.example:80/./z'
            $lines = @(Get-Content -LiteralPath $file)
            $lines[0].PSObject.Properties['PSPath'] | Should -Not -BeNullOrEmpty -Because 'the test needs strings that carry note properties'
            $urls = @(Get-Content -LiteralPath $file | ConvertFrom-Url -BaseUrl 'https://base.example/p/q')
            $urls.Href | Should -Be 'https://a.example/x', 'https://base.example/y', 'http://b.example/z'
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
    }

    It 'takes a piped string as the URL alone: its note properties are not read (a BaseUrl one here)' {
        $text = 'https://a.example/' | Add-Member -NotePropertyName BaseUrl -NotePropertyValue 'not a base' -PassThru
        $errors = $null
        $urls = @($text | ConvertFrom-Url -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors.Count | Should -Be 0
        $urls.Href | Should -Be 'https://a.example/'
    }

    It 'binds objects by property name, each with its own base (<Shape>)' -ForEach @(
        @{ Shape = 'Url and BaseUrl'; Object = [pscustomobject]@{ Url = '../y'; BaseUrl = 'https://b.example/p/q' }; Href = 'https://b.example/y' }
        @{ Shape = 'Uri and Base'; Object = [pscustomobject]@{ Uri = 'z'; Base = 'https://c.example/p/' }; Href = 'https://c.example/p/z' }
        @{ Shape = 'Href only'; Object = [pscustomobject]@{ Href = 'https://d.example/' }; Href = 'https://d.example/' }
    ) {
        ($Object | ConvertFrom-Url).Href | Should -BeExactly $Href
    }

    It 'takes strings and objects in one pipeline, in order' {
        $inputs = @(
            'https://a.example/'
            [pscustomobject]@{ Url = 'x'; BaseUrl = 'https://b.example/d/' }
            'https://c.example/'
            (ConvertFrom-Url 'https://d.example/e')
        )
        (@($inputs | ConvertFrom-Url)).Href | Should -Be 'https://a.example/', 'https://b.example/d/x', 'https://c.example/', 'https://d.example/e'
    }

    It 'converts other objects to strings, as before (a System.Uri)' {
        ([uri]'https://e.example/a b' | ConvertFrom-Url).Href | Should -BeExactly 'https://e.example/a%20b'
    }

    It 'has both parameter sets, String the default, in <Command> too' -ForEach @(@{ Command = 'ConvertFrom-Url' }, @{ Command = 'Test-Url' }) {
        $sets = (Get-Command $Command).ParameterSets
        $sets.Name | Should -Be 'String', 'PropertyName'
        ($sets | Where-Object IsDefault).Name | Should -Be 'String'
    }

    It 'binds Test-Url input the same way: Get-Content lines by value, objects by property name' {
        $text = 'https://a.example/' | Add-Member -NotePropertyName BaseUrl -NotePropertyValue 'not a base' -PassThru
        @($text, [pscustomobject]@{ Url = 'x'; BaseUrl = 'https://b.example/' }, [pscustomobject]@{ Url = 'x'; BaseUrl = 'not a base' } | Test-Url) |
            Should -Be $true, $true, $false
    }
}

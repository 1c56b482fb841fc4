# The architecture checks itself: every folder of src/ against its row in docs/ARCHITECTURE.md
# ("Rooms and what each may touch"). A folder uses another when its code names a type declared
# there (comments and strings aside; this covers its `using EchoNet.*` lines and the root-namespace
# public types, which need none), and each `using EchoNet.*` line must name a namespace of a room
# it may use. Reads source text only: no build, no module.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

    function Get-SourceFolderGraph {
        # Folders ("Core/Client/", "Cmdlets/Commands/"), the types each declares, and who names whose.
        param([string] $SourceRoot)
        $assemblies = @{ 'EchoNet.Core' = 'Core'; 'EchoNet' = 'Cmdlets' }
        $files = foreach ($assembly in $assemblies.Keys) {
            $assemblyRoot = Join-Path $SourceRoot $assembly
            Get-ChildItem $assemblyRoot -Recurse -Filter *.cs | Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' } | ForEach-Object {
                $relative = [System.IO.Path]::GetRelativePath($assemblyRoot, $_.DirectoryName) -replace '\\', '/'
                $text = Get-Content $_.FullName -Raw
                [pscustomobject]@{
                    Folder    = if ($relative -eq '.') { "$($assemblies[$assembly])/" } else { "$($assemblies[$assembly])/$relative/" }
                    Name      = $_.Name
                    # Strings, then comments, out: a name in a message or a doc comment is no dependency.
                    Code      = $text -replace '@"(?:[^"]|"")*"', '""' -replace '"(?:[^"\\\n]|\\.)*"', '""' -replace "'(?:[^'\\\n]|\\.)'", "''" -replace '//[^\n]*', '' -replace '(?s)/\*.*?\*/', ''
                    Usings    = @([regex]::Matches($text, '(?m)^using (EchoNet[\w.]*);') | ForEach-Object { $_.Groups[1].Value })
                    Namespace = [regex]::Match($text, '(?m)^namespace ([\w.]+)').Groups[1].Value
                }
            }
        }
        $declaredIn = @{}
        foreach ($file in $files) {
            foreach ($m in [regex]::Matches($file.Code, '\b(?:class|struct|enum|interface)\s+([A-Z]\w*)|\bdelegate\s+[\w<>\[\],.?]+\s+([A-Z]\w*)\s*\(')) {
                $type = if ($m.Groups[1].Success) { $m.Groups[1].Value } else { $m.Groups[2].Value }
                $declaredIn[$type] = @($declaredIn[$type]) + $file.Folder | Where-Object { $_ } | Sort-Object -Unique
            }
        }
        $namespaceIn = @{}
        foreach ($file in $files) { $namespaceIn[$file.Namespace] = @($namespaceIn[$file.Namespace]) + $file.Folder | Where-Object { $_ } | Sort-Object -Unique }
        $uses = @{}
        foreach ($file in $files) {
            foreach ($word in ([regex]::Matches($file.Code, '\b[A-Z]\w*\b') | ForEach-Object Value | Sort-Object -Unique)) {
                # [Foo] names the attribute class FooAttribute.
                $type = if ($declaredIn[$word]) { $word } elseif ($declaredIn["${word}Attribute"]) { "${word}Attribute" } else { continue }
                foreach ($folder in $declaredIn[$type]) {
                    if ($folder -eq $file.Folder) { continue }
                    $key = "$($file.Folder) -> $folder"
                    $uses[$key] = @($uses[$key]) + "$type ($($file.Name))" | Where-Object { $_ } | Select-Object -Unique
                }
            }
        }
        [pscustomobject]@{
            Folders  = @($files.Folder | Sort-Object -Unique)
            Uses     = $uses
            Usings   = @(foreach ($file in $files) { foreach ($u in $file.Usings) { [pscustomobject]@{ Folder = $file.Folder; File = $file.Name; Namespace = $u; DeclaredIn = @($namespaceIn[$u]) } } })
            TwiceDeclared = @($declaredIn.Keys | Where-Object { $declaredIn[$_].Count -gt 1 })
        }
    }

    function Get-ArchitectureRooms {
        # The rows of the "Rooms" table: the folders of each room and the folders it may use.
        param([string] $Path, [string[]] $CoreFolders)
        $text = Get-Content $Path -Raw
        $table = [regex]::Match($text, '(?s)\| Room \| Holds \| May use \|\r?\n\|[-|]+\|\r?\n(.*?)\r?\n\r?\n').Groups[1].Value
        foreach ($line in $table -split '\r?\n') {
            $cells = $line.Trim('|').Split('|') | ForEach-Object Trim
            $assembly = ($cells[0] -split ' ')[0]
            $folders = @([regex]::Matches($cells[0], '`([^`]+/)`') | ForEach-Object { "$assembly/$($_.Groups[1].Value)" })
            $mayUse = @([regex]::Matches($cells[2], '`([^`]+/)`') | ForEach-Object { "$assembly/$($_.Groups[1].Value)" })
            if ($cells[2] -match "the core's public API") { $mayUse += $CoreFolders }
            [pscustomobject]@{ Folders = $folders; MayUse = $mayUse; Line = $line }
        }
    }

    $script:Graph = Get-SourceFolderGraph (Join-Path $Root 'src')
    $script:Rooms = @(Get-ArchitectureRooms (Join-Path $Root 'docs/ARCHITECTURE.md') ($Graph.Folders -like 'Core/*'))
    $script:RoomOf = @{}
    foreach ($room in $Rooms) { foreach ($folder in $room.Folders) { $RoomOf[$folder] = $room } }
}

Describe 'The architecture in docs/ARCHITECTURE.md holds in src/' {
    It 'reads a table with rows, and a graph with uses (the check itself is not empty)' {
        $Rooms.Count | Should -BeGreaterThan 10
        $Graph.Uses.Count | Should -BeGreaterThan 20
        $Graph.Usings.Count | Should -BeGreaterThan 20
    }

    It 'declares each type name in one folder only (so a name says which room it is from)' {
        $Graph.TwiceDeclared | Should -BeNullOrEmpty
    }

    It 'gives every folder of src/ a row' {
        @($Graph.Folders | Where-Object { -not $RoomOf[$_] }) | Should -BeNullOrEmpty
    }

    It 'has no folder naming types of a room its row does not allow' {
        $broken = foreach ($key in $Graph.Uses.Keys) {
            $from, $to = $key -split ' -> '
            $room = $RoomOf[$from]
            if ($room -and $room.Folders -notcontains $to -and $room.MayUse -notcontains $to) { "$key : $($Graph.Uses[$key] -join ', ')" }
        }
        $broken | Sort-Object | Should -BeNullOrEmpty
    }

    It 'has no `using EchoNet.*` line for a namespace of no room its row allows' {
        $broken = foreach ($using in $Graph.Usings) {
            $room = $RoomOf[$using.Folder]
            if (-not $room) { continue }
            $allowed = @($using.DeclaredIn | Where-Object { $room.Folders -contains $_ -or $room.MayUse -contains $_ })
            if ($allowed.Count -eq 0) { "$($using.Folder)$($using.File): using $($using.Namespace) (declared in $($using.DeclaredIn -join ', '))" }
        }
        $broken | Should -BeNullOrEmpty
    }

    It 'has no rooms that use each other, directly or round a cycle' {
        # Room graph from the folder graph; a depth-first search reports the first cycle it meets.
        $edges = @{}
        foreach ($key in $Graph.Uses.Keys) {
            $from, $to = $key -split ' -> '
            if (-not $RoomOf[$from] -or -not $RoomOf[$to] -or $RoomOf[$from] -eq $RoomOf[$to]) { continue }
            $a, $b = $RoomOf[$from].Folders[0], $RoomOf[$to].Folders[0]
            $edges[$a] = @($edges[$a]) + $b | Where-Object { $_ } | Select-Object -Unique
        }
        $state = @{}
        $cycles = [System.Collections.Generic.List[string]]::new()
        function Visit([string] $node, [string[]] $path) {
            $state[$node] = 'open'
            foreach ($next in @($edges[$node] | Where-Object { $_ })) {
                if ($state[$next] -eq 'open') { $cycles.Add((($path + $node + $next) -join ' -> ')) }
                elseif (-not $state[$next]) { Visit $next ($path + $node) }
            }
            $state[$node] = 'done'
        }
        foreach ($node in @($edges.Keys)) { if (-not $state[$node]) { Visit $node @() } }
        $cycles | Should -BeNullOrEmpty
    }
}

#!/usr/bin/env bash
# Compiles SchemaDrift's analyzers ahead of time (ReadyToRun) for linux-x64 into <out>/, beside
# an unchanged copy of the code fixes. build/pack.sh calls it and ships the result in
# tools/analyzers/linux-x64/; the build targets hand those files to the compiler instead of the
# IL ones when the compiler runs on .NET on linux-x64 (docs/benchmarks.md: a compiler started
# for one build never promotes the analyzers past the JIT's first, unoptimized tier).
# Usage: build/precompile-analyzers.sh <out-dir>      (after a Release build of the solution)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
cd "$root"

# The SDK's runtime: what csc runs on, and the framework the code is compiled against.
read -r runtime_version runtime_root <<<"$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2; d = $3 } END { gsub(/[][]/, "", d); print v, d }')"
framework="$runtime_root/$runtime_version"
[ -d "$framework" ] || { echo "precompile-analyzers.sh: no Microsoft.NETCore.App runtime found" >&2; exit 1; }
dotnet restore build/precompile/Crossgen2.csproj -p:Crossgen2Version="$runtime_version" -nologo -v:q >/dev/null
packages="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')"
crossgen="$packages/microsoft.netcore.app.crossgen2.linux-x64/$runtime_version/tools/crossgen2"
[ -x "$crossgen" ] || { echo "precompile-analyzers.sh: crossgen2 $runtime_version not found at $crossgen" >&2; exit 1; }

# The Roslyn the analyzers are built against (the oldest they support). At run time they meet
# the compiler's own, newer Roslyn: ReadyToRun code calls into it by name and checks the layout
# of every value type it uses from it, and falls back to the JIT for a method whose check fails.
roslyn="$(sed -nE 's:.*<RoslynVersion>([^<]+)</RoslynVersion>.*:\1:p' Directory.Packages.props)"
roslyn_common="$packages/microsoft.codeanalysis.common/$roslyn/lib/netstandard2.0/Microsoft.CodeAnalysis.dll"
roslyn_csharp="$packages/microsoft.codeanalysis.csharp/$roslyn/lib/netstandard2.0/Microsoft.CodeAnalysis.CSharp.dll"
bin="src/Analyzers/bin/Release/netstandard2.0"
for f in "$roslyn_common" "$roslyn_csharp" "$bin/SchemaDrift.Analyzers.dll" "$bin/SchemaDrift.Core.dll" src/CodeFixes/bin/Release/netstandard2.0/SchemaDrift.CodeFixes.dll; do
  [ -f "$f" ] || { echo "precompile-analyzers.sh: missing $f (build the solution in Release first)" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out"
compile() { # assembly reference...
  local name="$1"; shift
  local refs=(-r "$framework/*.dll")
  for r in "$@"; do refs+=(-r "$r"); done
  "$crossgen" "$bin/$name" -o "$out/$name" "${refs[@]}" --targetos linux --targetarch x64 -O >/dev/null
}
compile SchemaDrift.Core.dll
compile SchemaDrift.Analyzers.dll "$roslyn_common" "$roslyn_csharp" "$bin/SchemaDrift.Core.dll"
# The code fixes run in IDEs only (never in csc): shipped as they are, so that the folder is complete.
cp src/CodeFixes/bin/Release/netstandard2.0/SchemaDrift.CodeFixes.dll "$out/"

#!/usr/bin/env bash
# Builds the solution and writes artifacts/packages/SchemaDrift.<version>.nupkg.
# Usage: ./build/pack.sh [version]     (default: the Version in Directory.Build.props)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${1:-}"
props=()
[ -n "$version" ] && props+=("-p:Version=$version")
dotnet build SchemaDrift.sln -c Release -nologo -v:q "${props[@]}"
dotnet pack src/Package/SchemaDrift.Package.csproj -c Release --no-build -nologo -v:q -o artifacts/packages "${props[@]}"
ls -1 artifacts/packages/SchemaDrift.*.nupkg | tail -n 1

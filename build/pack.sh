#!/usr/bin/env bash
# Builds the solution and writes artifacts/packages/SchemaDrift.<version>.nupkg.
# Usage: ./build/pack.sh [version]     (default: the Version in Directory.Build.props)
#
# On Linux x64 the tool is also compiled ahead of time (Native AOT, needs clang; installed
# with apt-get when missing) and shipped in tools/native/linux-x64/ beside the
# framework-dependent tool: builds on such machines then start it without the .NET runtime
# and JIT (docs/benchmarks.md). SCHEMADRIFT_NATIVE_TOOL=0 leaves it out.
# Also on Linux x64, the analyzers are compiled ahead of time (ReadyToRun) into
# tools/analyzers/linux-x64/, which builds there hand to the compiler instead of the IL
# (build/precompile-analyzers.sh). SCHEMADRIFT_PRECOMPILED_ANALYZERS=0 leaves them out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${1:-}"
props=()
[ -n "$version" ] && props+=("-p:Version=$version")
dotnet build SchemaDrift.sln -c Release -nologo -v:q "${props[@]}"

linux_x64=0
if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then linux_x64=1; fi

if [ "${SCHEMADRIFT_NATIVE_TOOL:-1}" != 0 ] && [ "$linux_x64" = 1 ]; then
  clang=""
  for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v "$c" >/dev/null; then clang="$c"; break; fi
  done
  if [ -z "$clang" ] && command -v apt-get >/dev/null; then
    echo "pack.sh: installing clang for the native tool" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev; } >/dev/null 2>&1 || true
    command -v clang >/dev/null && clang=clang
  fi
  if [ -z "$clang" ]; then
    echo "pack.sh: no clang found; the package carries only the framework-dependent tool" >&2
  else
    native="$root/artifacts/native/linux-x64"
    echo "pack.sh: compiling the tool ahead of time for linux-x64 (about a minute on two cores; SCHEMADRIFT_NATIVE_TOOL=0 skips it)" >&2
    rm -rf "$native"
    dotnet publish src/Tool/SchemaDrift.Tool.csproj -c Release -nologo -v:q "${props[@]}" \
      -p:SchemaDriftNativeTool=true -p:SchemaDriftClang="$clang" -o "$native"
    props+=("-p:SchemaDriftNativeToolDir=$native" "-p:SchemaDriftNativeRid=linux-x64")
  fi
fi

if [ "${SCHEMADRIFT_PRECOMPILED_ANALYZERS:-1}" != 0 ] && [ "$linux_x64" = 1 ]; then
  precompiled="$root/artifacts/precompiled/linux-x64"
  if build/precompile-analyzers.sh "$precompiled"; then
    props+=("-p:SchemaDriftPrecompiledAnalyzersDir=$precompiled")
  else
    echo "pack.sh: could not precompile the analyzers; the package carries only their IL" >&2
  fi
fi

dotnet pack src/Package/SchemaDrift.Package.csproj -c Release --no-build -nologo -v:q -o artifacts/packages "${props[@]}"
ls -1 artifacts/packages/SchemaDrift.*.nupkg | tail -n 1

#!/usr/bin/env bash
# Long fuzzing run of the SQL reader and the snapshot reader (not part of build/test.sh,
# which runs a short seeded pass). Usage: ./build/fuzz.sh [cases=1000000] [seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export SCHEMADRIFT_FUZZ_CASES="${1:-1000000}"
[ -n "${2:-}" ] && export SCHEMADRIFT_FUZZ_SEED="$2"
dotnet test tests/SchemaDrift.Tests/SchemaDrift.Tests.csproj -c Release -nologo \
  --filter "Category=Fuzz" --logger "console;verbosity=normal" | grep -E 'fuzz:|Passed|Failed|threw|input:'

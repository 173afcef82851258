#!/usr/bin/env bash
# Runs every SchemaDrift test, as CI does.
#   1. starts throwaway PostgreSQL and MariaDB servers on 127.0.0.1 (build/servers.sh
#      installs them from Debian packages when missing) and stops them afterwards;
#   2. packs the .nupkg under a unique version (build/pack.sh), so end-to-end tests build
#      consumer projects against exactly this code;
#   3. runs the NUnit tests and prints "N passed, N failed" as its last line.
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=EndToEnd").
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

stop_servers() {
  if [ "${servers_started:-0}" = 1 ]; then build/servers.sh stop >/dev/null 2>&1 || true; fi
}
trap stop_servers EXIT

servers_started=0
if [ -x build/servers.sh ] && [ "${SCHEMADRIFT_NO_SERVERS:-0}" != 1 ]; then
  if exports="$(build/servers.sh start)"; then
    eval "$exports"
    servers_started=1
    # Database tests fail (instead of being skipped) when a server they need is missing.
    export SCHEMADRIFT_REQUIRE_SERVERS=1
  else
    echo "build/test.sh: the database servers did not start; Database tests will fail." >&2
    export SCHEMADRIFT_REQUIRE_SERVERS=1
  fi
fi

version="0.1.0-test.$(date -u +%Y%m%d%H%M%S)"
export SCHEMADRIFT_TEST_PACKAGE_VERSION="$version"
export SCHEMADRIFT_TEST_PACKAGE_DIR="$root/artifacts/packages"
if ! build/pack.sh "$version" >"$results/pack.log" 2>&1; then
  cat "$results/pack.log"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test tests/SchemaDrift.Tests/SchemaDrift.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
rc=$?

summary="$(build/trx-summary.sh "$results")"
echo "$summary"
exit $rc

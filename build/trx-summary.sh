#!/usr/bin/env bash
# Prints "N passed, N failed" from the TRX files under a results directory.
set -uo pipefail
dir="${1:-artifacts/test-results}"
passed=0
failed=0
while IFS= read -r f; do
  counters="$(grep -o '<Counters [^>]*>' "$f" | head -n 1)"
  p="$(printf '%s' "$counters" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')"
  x="$(printf '%s' "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')"
  e="$(printf '%s' "$counters" | grep -o ' error="[0-9]*"' | grep -o '[0-9]*')"
  t="$(printf '%s' "$counters" | grep -o 'timeout="[0-9]*"' | grep -o '[0-9]*')"
  a="$(printf '%s' "$counters" | grep -o 'aborted="[0-9]*"' | grep -o '[0-9]*')"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${x:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done < <(find "$dir" -name '*.trx' 2>/dev/null)
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
  failed=1 # no results at all means the run broke
fi
echo "$passed passed, $failed failed"

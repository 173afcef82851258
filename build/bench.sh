#!/usr/bin/env bash
# SchemaDrift benchmarks: generates its own inputs, measures each figure as the median of
# several runs next to its baseline measured in the same run (machines here are noisy, so
# only side-by-side ratios mean anything), and writes docs/benchmarks.md.
#
#   ./build/bench.sh            # everything (PostgreSQL/MariaDB parts start throwaway servers)
#   RUNS=3 ./build/bench.sh     # fewer repetitions
#
# Not part of build/test.sh: speed targets live here, never in timed unit tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
work="${BENCH_DIR:-/tmp/schemadrift-bench}"
mkdir -p "$work"
results="$work/results.txt"
: > "$results"
note() { echo "$*" | tee -a "$results"; }

# ---------------------------------------------------------------- helpers
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END { if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%+.1f%%", (a - b) * 100 / b }'; }
time_cmd() { local s e; s=$(now_ms); "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; "$@" | tail -20 >&2; exit 1; }; e=$(now_ms); echo $((e - s)); }

bench_bin="$root/build/bench/bin/Release/net10.0/SchemaDrift.Bench.dll"
# The running SDK's folder: its compiler (Roslyn/bincore/csc) and its analyzers.
sdk_dir="$(dotnet --list-sdks | awk -v v="$(dotnet --version)" '$1 == v { gsub(/[][]/, "", $2); print $2 "/" v }')"
# Frames in SchemaDrift's assemblies, JIT-compiled (perf map names) or precompiled (file names).
sd_frames='SchemaDrift[.](Core|Analyzers|MSBuild|Tool)'
tool_dll() { echo "$root/src/Tool/bin/Release/net8.0/SchemaDrift.Tool.dll"; }
# The ahead-of-time compiled tool build/pack.sh makes on Linux x64: what builds there run.
native_tool="$root/artifacts/native/linux-x64/SchemaDrift.Tool"
run_native() { if [ -x "$native_tool" ]; then "$native_tool" "$@"; else dotnet "$(tool_dll)" "$@"; fi; }
run_tool() { # native|jit tool-arguments...   (jit: the framework-dependent tool other machines run)
  local which="$1"; shift
  if [ "$which" = native ]; then run_native "$@"; else dotnet "$(tool_dll)" "$@"; fi
}

# ---------------------------------------------------------------- inputs
version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
echo "==> packing $version"
build/pack.sh "$version" >/dev/null
dotnet build build/bench -c Release -nologo -v:q >/dev/null

gen="$work/gen"
echo "==> generating the large consumer (2,000 files, 10,000 SQL call sites, 100 EF entities, 500 tables)"
dotnet "$bench_bin" generate --out "$gen" --files "${FILES:-2000}" --sites "${SITES:-10000}" --tables "${TABLES:-500}" --entities "${ENTITIES:-100}" \
  --package-version "$version" --feed "$root/artifacts/packages"
with="$gen/WithSchemaDrift/WithSchemaDrift.csproj"
base="$gen/Baseline/Baseline.csproj"
dotnet restore "$with" -v:q >/dev/null
dotnet restore "$base" -v:q >/dev/null
# Warm up: compiler server, NuGet caches, JIT.
dotnet build "$with" --no-restore -nologo -v:q >/dev/null
dotnet build "$base" --no-restore -nologo -v:q >/dev/null

# ---------------------------------------------------------------- 1. full build overhead
# More pairs than the other figures: the host's noise (±9 % between runs) is larger than the
# 3 % target. Each pair is one build of each project back to back, in alternating order, and
# the per-pair ratios are summarized (median and quartiles), which cancels slow drifts.
# Each build's CPU time is recorded too (user + system of dotnet and every process it waited
# for: MSBuild, csc, the tool). What a build machine pays, and less disturbed by other load on
# the host than the wall clock.
full_runs="${FULL_RUNS:-11}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
time_build() { # project -> "wall_ms cpu_ms"
  local f="$work/build-time.txt"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S" -o "$f" dotnet build "$1" --no-restore --no-incremental -nologo -v:q >/dev/null 2>&1 || { echo "build failed: $1" >&2; exit 1; }
    awk '{ printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000 }' "$f"
  else
    echo "$(time_cmd dotnet build "$1" --no-restore --no-incremental -nologo -v:q) 0"
  fi
}
echo "==> full builds, $full_runs pairs, alternating"
full_with=(); full_base=(); pair_ratios=(); cpu_with=(); cpu_base=(); cpu_ratios=()
for i in $(seq "$full_runs"); do
  if [ $((i % 2)) = 1 ]; then
    read -r b bc <<<"$(time_build "$base")"
    read -r w wc <<<"$(time_build "$with")"
  else
    read -r w wc <<<"$(time_build "$with")"
    read -r b bc <<<"$(time_build "$base")"
  fi
  full_base+=("$b"); full_with+=("$w"); pair_ratios+=("$(ratio "$w" "$b")")
  cpu_base+=("$bc"); cpu_with+=("$wc"); cpu_ratios+=("$(ratio "$wc" "$bc")")
done
fb=$(printf '%s\n' "${full_base[@]}" | median); fw=$(printf '%s\n' "${full_with[@]}" | median)
quartiles=$(printf '%s\n' "${pair_ratios[@]}" | sort -n | awk '{a[NR]=$1} END { printf "%s %s %s", a[int((NR+3)/4)], a[int((NR+1)/2)], a[int((3*NR+3)/4)] }')
read -r q1 q2 q3 <<<"$quartiles"
note "full_build baseline_ms=$fb with_ms=$fw ratio=$(ratio "$fw" "$fb") added=$(pct "$fw" "$fb") pair_ratio_median=$q2 pair_ratio_q1=$q1 pair_ratio_q3=$q3 pairs=$full_runs"
cb=$(printf '%s\n' "${cpu_base[@]}" | median); cw=$(printf '%s\n' "${cpu_with[@]}" | median)
read -r c1 c2 c3 <<<"$(printf '%s\n' "${cpu_ratios[@]}" | sort -n | awk '{a[NR]=$1} END { printf "%s %s %s", a[int((NR+3)/4)], a[int((NR+1)/2)], a[int((3*NR+3)/4)] }')"
note "full_build_cpu baseline_ms=$cb with_ms=$cw added=$(pct "$cw" "$cb") pair_ratio_median=$c2 pair_ratio_q1=$c1 pair_ratio_q3=$c3 pairs=$full_runs"

# Analyzer time as the compiler reports it.
dotnet build "$with" --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true -clp:PerformanceSummary > "$work/report-analyzer.log" 2>&1
sd_s=$(grep -E '^\s+[0-9.]+\s+[0-9<]+\s+SchemaDrift\.Analyzers,' "$work/report-analyzer.log" | head -1 | awk '{print $1}')
all_s=$(grep -E 'Total analyzer execution time:' "$work/report-analyzer.log" | head -1 | grep -oE '[0-9.]+' | head -1)
csc_ms=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$work/report-analyzer.log" | head -1 | awk '{print $1}')
sd_ms=$(awk -v s="${sd_s:-0}" 'BEGIN { printf "%.0f", s * 1000 }')
note "analyzer schemadrift_ms=$sd_ms all_analyzers_s=${all_s:-?} csc_task_ms=${csc_ms:-?} share_of_csc=$(awk -v a="$sd_ms" -v b="${csc_ms:-0}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f%%", a * 100 / b }') per_site_us=$(awk -v a="$sd_ms" -v n="${SITES:-10000}" 'BEGIN { printf "%.1f", a * 1000 / n }')"

# SchemaDrift's share of a full build's CPU samples (perf, all processes; frames in SchemaDrift's
# assemblies, JIT-compiled or precompiled): a ratio inside one build, which the host's noise
# (it slows whole builds by ±20 % here) hardly moves. Idle samples (the kernel's idle task on a
# waiting core) are left out of the total: the share is of the CPU the build used. Compared with
# the IL analyzers (SchemaDriftUsePrecompiledAnalyzers=false), alternately. Only where perf works.
perf_ok=0
if command -v perf >/dev/null && perf record -o /dev/null -- true >/dev/null 2>&1; then perf_ok=1; fi
if [ "$perf_ok" = 1 ]; then
  echo "==> perf: SchemaDrift's share of a full build's CPU samples"
  perf_share() { # extra build arguments...
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 499 -a -g -o "$work/perf.data" -- \
      dotnet build "$with" --no-restore --no-incremental -nologo -v:q "$@" >/dev/null 2>&1
    perf script -i "$work/perf.data" 2>/dev/null | awk -v sd="$sd_frames" 'BEGIN { RS = ""; FS = "\n" }
      $1 ~ /^ *swapper / { next } { n++ } $0 ~ sd { s++ } END { printf "%.2f\n", s * 100 / n }'
  }
  share_r2r=(); share_il=()
  for i in 1 2 3; do
    share_r2r+=("$(perf_share)")
    share_il+=("$(perf_share -p:SchemaDriftUsePrecompiledAnalyzers=false)")
  done
  rm -f "$work/perf.data"
  note "perf_share precompiled_pct=$(printf '%s\n' "${share_r2r[@]}" | median) il_pct=$(printf '%s\n' "${share_il[@]}" | median) precompiled_runs=$(IFS=/; echo "${share_r2r[*]}") il_runs=$(IFS=/; echo "${share_il[*]}")"
fi

# The two compilers at the same moment. One after the other, the host's slow and fast spells
# (whole builds 17-24 s within minutes) land on either side; run together, both compilers get
# the same spell, and each one's CPU time (user + system) says what its compile cost. The csc
# command lines are the builds' own (from a detailed log). A/A control: two baseline compilers
# the same way, which shows how far the method itself scatters (the one started first was cheaper
# by up to 5 % in trial runs, which the alternating order below cancels).
echo "==> the compiler with and without SchemaDrift, side by side"
csc_line() { # project rsp-file: the csc arguments of the project's build, as a response file
  dotnet build "$1" --no-restore --no-incremental -nologo -v:d > "$work/csc-line.log" 2>&1
  grep -m1 -E '^\s+\S+/bincore/csc ' "$work/csc-line.log" | sed -E 's#^\s+\S+/bincore/csc ##' > "$2"
  [ -s "$2" ] || { echo "no csc command line in the build log of $1" >&2; exit 1; }
}
csc_exe="$sdk_dir/Roslyn/bincore/csc"
csc_line "$with" "$work/with.rsp"; csc_line "$base" "$work/base.rsp"
rm -rf "$gen/Baseline-aa"; cp -r "$gen/Baseline" "$gen/Baseline-aa"
csc_cpu() { # dir response-file out-file: the compile's CPU ms
  ( cd "$1" && /usr/bin/time -f "%U %S" -o "$3" "$csc_exe" "@$2" >/dev/null 2>&1 ) || true
}
side_by_side() { # first-dir first-rsp second-dir second-rsp -> "ratio"
  csc_cpu "$1" "$2" "$work/first.time" & csc_cpu "$3" "$4" "$work/second.time" & wait
  awk 'NR == FNR { a = ($1 + $2) * 1000; next } { b = ($1 + $2) * 1000 } END { printf "%.3f %.0f %.0f\n", a / b, a, b }' "$work/first.time" "$work/second.time"
}
# Which compiler is started first alternates (the first one tilts cheaper), so the tilt cancels
# in the median instead of favouring one side.
sbs_runs="${SIDE_BY_SIDE_RUNS:-10}"
sbs=(); sbs_w=(); sbs_b=(); aa=()
for i in $(seq "$sbs_runs"); do
  if [ $((i % 2)) = 1 ]; then
    read -r r a b <<<"$(side_by_side "$gen/WithSchemaDrift" "$work/with.rsp" "$gen/Baseline" "$work/base.rsp")"
  else
    read -r r b a <<<"$(side_by_side "$gen/Baseline" "$work/base.rsp" "$gen/WithSchemaDrift" "$work/with.rsp")"
    r=$(ratio "$a" "$b")
  fi
  sbs+=("$r"); sbs_w+=("$a"); sbs_b+=("$b")
done
for i in 1 2 3 4 5; do
  read -r r a b <<<"$(side_by_side "$gen/Baseline-aa" "$work/base.rsp" "$gen/Baseline" "$work/base.rsp")"
  aa+=("$r")
done
note "side_by_side cpu_ratio_median=$(printf '%s\n' "${sbs[@]}" | median) with_cpu_ms=$(printf '%s\n' "${sbs_w[@]}" | median) baseline_cpu_ms=$(printf '%s\n' "${sbs_b[@]}" | median) runs=$(IFS=/; echo "${sbs[*]}") aa_control_runs=$(IFS=/; echo "${aa[*]}")"
# Where the difference goes, from one side-by-side pair under perf: per compiler, SchemaDrift's
# frames, the runtime's tier-up JIT thread, and everything else; in % of the baseline's samples.
if [ "$perf_ok" = 1 ]; then
  export csc_exe work; export -f csc_cpu side_by_side
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 499 -a -g -o "$work/perf.data" -- \
    bash -c 'side_by_side "$@"' _ "$gen/WithSchemaDrift" "$work/with.rsp" "$gen/Baseline" "$work/base.rsp" >/dev/null 2>&1
  note "$(perf script -F comm,pid,tid,ip,sym,dso -i "$work/perf.data" 2>/dev/null | awk -v sd="$sd_frames" 'BEGIN { RS = ""; FS = "\n" }
    { if (!match($1, /[0-9]+\/[0-9]+/)) next; comm = substr($1, 1, RSTART - 1); split(substr($1, RSTART, RLENGTH), id, "/"); p = id[1]
      n[p]++
      if ($0 ~ sd) { frames[p]++; mine[p] = 1 } else if (comm ~ /Tiered/) tier[p]++; else rest[p]++ }
    END { for (p in mine) w = p; for (p in n) if (!(p in mine) && (b == "" || n[p] > n[b])) b = p
      printf "side_by_side_samples with=%d baseline=%d added_pct=%.1f schemadrift_frames_pct=%.1f tier_up_jit_added_pct=%.1f other_added_pct=%.1f\n", n[w], n[b], (n[w] - n[b]) * 100 / n[b], frames[w] * 100 / n[b], (tier[w] - tier[b]) * 100 / n[b], (rest[w] - rest[b]) * 100 / n[b] }')"
  rm -f "$work/perf.data"
fi

# Methods the runtime JIT-compiles at tier 0 in one compile, with and without SchemaDrift, from the
# perf map the runtime writes (DOTNET_PerfMapEnabled=3; no perf needed). The difference is code
# outside the precompiled analyzers that SchemaDrift makes every compile JIT-compile: framework
# generics over its value types, and methods the runtime rejects from the image. Unlike time, this
# count hardly varies between runs (history item 22).
jit_tier0() { # dir rsp -> tier-0 methods in the perf map of one compile
  local pid map
  ( cd "$1" && DOTNET_PerfMapEnabled=3 DOTNET_PerfMapShowOptimizationTiers=1 exec "$csc_exe" "@$2" >/dev/null 2>&1 ) & pid=$!
  wait "$pid" || true
  map="/tmp/perf-$pid.map"
  if [ -f "$map" ]; then grep -c '\[QuickJitted\]$' "$map" || true; rm -f "$map"; else echo 0; fi
}
jw=(); jb=()
for i in 1 2; do jw+=("$(jit_tier0 "$gen/WithSchemaDrift" "$work/with.rsp")"); jb+=("$(jit_tier0 "$gen/Baseline" "$work/base.rsp")"); done
jwm=$(printf '%s\n' "${jw[@]}" | median); jbm=$(printf '%s\n' "${jb[@]}" | median)
note "jit_tier0 with=$jwm baseline=$jbm added=$(awk -v a="$jwm" -v b="$jbm" 'BEGIN { printf "%.0f", a - b }') with_runs=$(IFS=/; echo "${jw[*]}") baseline_runs=$(IFS=/; echo "${jb[*]}")"

# The same compile in the compiler server (VBCSCompiler), which dotnet build uses unless
# UseSharedCompilation=false (as on this machine and some CI): one long-lived process whose JIT
# has promoted the compiler's code and, after the first compile, SchemaDrift's. Its CPU time per
# compile is read from /proc before and after each build; alternating pairs (an odd number, so
# the median is one pair), after a warm-up.
if [ -d /proc/self ]; then
  echo "==> the compiler server, with and without SchemaDrift"
  server_build() { UseSharedCompilation=true dotnet build "$1" --no-restore --no-incremental -nologo -v:q >/dev/null 2>&1; }
  server_cpu() { awk '{ print ($14 + $15) * 10 }' "/proc/$(pgrep -f VBCSCompiler | head -1)/stat" 2>/dev/null || echo 0; }
  server_cost() { local c0; c0=$(server_cpu); server_build "$1"; echo $(( $(server_cpu) - c0 )); }
  for i in 1 2; do server_build "$with"; server_build "$base"; done
  srv=(); srv_w=(); srv_b=()
  for i in $(seq "${SERVER_RUNS:-9}"); do
    if [ $((i % 2)) = 1 ]; then b=$(server_cost "$base"); w=$(server_cost "$with"); else w=$(server_cost "$with"); b=$(server_cost "$base"); fi
    srv_w+=("$w"); srv_b+=("$b"); srv+=("$(ratio "$w" "$b")")
  done
  dotnet build-server shutdown >/dev/null 2>&1 || true
  note "compiler_server with_cpu_ms=$(printf '%s\n' "${srv_w[@]}" | median) baseline_cpu_ms=$(printf '%s\n' "${srv_b[@]}" | median) pair_ratio_median=$(printf '%s\n' "${srv[@]}" | median) runs=$(IFS=/; echo "${srv[*]}")"
fi

note "$(dotnet "$bench_bin" sqlcost --snapshot "$(ls "$gen"/WithSchemaDrift/obj/Debug/net10.0/schemadrift/snapshot.json)")"

# ---------------------------------------------------------------- 2. no-op build
echo "==> no-op builds, $runs each, alternating"
noop_with=(); noop_base=()
for i in $(seq "$runs"); do
  # Alternating order, as for the full builds: the first build of a pair was often the slower one.
  if [ $((i % 2)) = 1 ]; then
    noop_base+=("$(time_cmd dotnet build "$base" --no-restore -nologo -v:q)")
    noop_with+=("$(time_cmd dotnet build "$with" --no-restore -nologo -v:q)")
  else
    noop_with+=("$(time_cmd dotnet build "$with" --no-restore -nologo -v:q)")
    noop_base+=("$(time_cmd dotnet build "$base" --no-restore -nologo -v:q)")
  fi
done
nb=$(printf '%s\n' "${noop_base[@]}" | median); nw=$(printf '%s\n' "${noop_with[@]}" | median)
dotnet build "$with" --no-restore -nologo -v:d > "$work/noop.log" 2>&1
launched=$(grep -c 'SchemaDrift: running .* introspect' "$work/noop.log" || true)
note "noop_build baseline_ms=$nb with_ms=$nw added_ms=$(awk -v a="$nw" -v b="$nb" 'BEGIN { printf "%.0f", a - b }') ratio=$(ratio "$nw" "$nb") sqlite_tool_launches=$launched sqlite_db_queries=0"

# ---------------------------------------------------------------- 4. editor latency
echo "==> editor latency (one edited document, Roslyn API)"
dotnet msbuild "$base" -t:Build -nologo -v:q -getItem:ReferencePathWithRefAssemblies > "$work/refs.json"
grep -oE '"FullPath": "[^"]+"' "$work/refs.json" | sed -E 's/"FullPath": "(.*)"/\1/' > "$work/refs.txt"
snapshot="$(ls "$gen"/WithSchemaDrift/obj/Debug/net10.0/schemadrift/snapshot.json)"
note "$(dotnet "$bench_bin" latency --sources "$gen/src" --references "$work/refs.txt" --snapshot "$snapshot" --iterations 150)"
# The same compile in one thread with SchemaDrift's analyzers and with none at all: the CPU the
# analyzer driver and the analyzers cost when no other analyzer shares the driver's work.
note "$(dotnet "$bench_bin" whole --compile 1 --sources "$gen/src" --references "$work/refs.txt" --snapshot "$snapshot" --runs 5)"
# The same with the .NET SDK's analyzers (what every default project runs) on both sides: the
# CPU SchemaDrift adds to the compile of a default project, without MSBuild's wall-clock noise.
sdk_analyzers="$sdk_dir/Sdks/Microsoft.NET.Sdk/analyzers"
ls "$sdk_analyzers"/Microsoft.CodeAnalysis.NetAnalyzers.dll "$sdk_analyzers"/Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll > "$work/sdk-analyzers.txt"
note "$(dotnet "$bench_bin" whole --compile 1 --others "$work/sdk-analyzers.txt" --sources "$gen/src" --references "$work/refs.txt" --snapshot "$snapshot" --runs "${SDK_RUNS:-5}")"

# ---------------------------------------------------------------- 5. memory
note "$(dotnet "$bench_bin" memory --snapshot "$snapshot")"

# ---------------------------------------------------------------- 3. introspection speed
echo "==> introspection, 1,000 tables x 20 columns"
command -v sqlite3 >/dev/null || { apt-get install -y -qq sqlite3 >/dev/null 2>&1 || true; }
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
big="$work/big.db"
rm -f "$big"
{
  echo "BEGIN;"
  for t in $(seq 0 999); do
    cols=""
    for c in $(seq 1 19); do cols="$cols, c$c TEXT"; done
    echo "CREATE TABLE t$t (id INTEGER PRIMARY KEY$cols);"
  done
  echo "COMMIT;"
} > "$work/big.sql"
dotnet run --project samples/DbSetup -c Release -v:q -- "$big" "$work/big.sql" >/dev/null
introspect_with() { # native|jit provider connection-string
  SCHEMADRIFT_CONNECTION="$3" run_tool "$1" snapshot --project-dir "$work" --provider "$2" --committed "$work/introspected-$1-$2.json" >/dev/null
}
# The floor under any reader: the sqlite3 shell running the reader's own catalog queries
# (counted, not printed), i.e. the engine's time to answer what a snapshot asks.
dotnet "$bench_bin" sqlite-queries > "$work/sqlite-catalog.sql"
sqlite_catalog() { sqlite3 "$big" < "$work/sqlite-catalog.sql"; }
sd=(); sdj=(); dump=(); floor=()
for i in $(seq "$runs"); do
  if command -v sqlite3 >/dev/null; then dump+=("$(time_cmd sqlite3 "$big" .schema)"); floor+=("$(time_cmd sqlite_catalog)"); fi
  sd+=("$(time_cmd introspect_with native sqlite "Data Source=$big")")
  sdj+=("$(time_cmd introspect_with jit sqlite "Data Source=$big")")
done
s_sd=$(printf '%s\n' "${sd[@]}" | median); s_sdj=$(printf '%s\n' "${sdj[@]}" | median)
s_dump=$( [ ${#dump[@]} -gt 0 ] && printf '%s\n' "${dump[@]}" | median || echo 0)
s_floor=$( [ ${#floor[@]} -gt 0 ] && printf '%s\n' "${floor[@]}" | median || echo 0)
note "introspection sqlite tables=1000 schemadrift_ms=$s_sd framework_dependent_ms=$s_sdj sqlite3_schema_ms=$s_dump ratio=$(ratio "$s_sd" "$s_dump") framework_dependent_ratio=$(ratio "$s_sdj" "$s_dump") sqlite3_catalog_queries_ms=$s_floor ratio_to_catalog_queries=$(ratio "$s_sd" "$s_floor")"
note "$(SCHEMADRIFT_CONNECTION="Data Source=$big" dotnet "$bench_bin" read --provider sqlite --runs "$runs")"
note "process_start_ms=$(printf '%s\n' "$(time_cmd dotnet "$(tool_dll)" version)" "$(time_cmd dotnet "$(tool_dll)" version)" "$(time_cmd dotnet "$(tool_dll)" version)" | median) native_ms=$(printf '%s\n' "$(time_cmd run_native version)" "$(time_cmd run_native version)" "$(time_cmd run_native version)" | median)"
if command -v /usr/bin/time >/dev/null; then
  peak=$(SCHEMADRIFT_CONNECTION="Data Source=$big" /usr/bin/time -f '%M' dotnet "$(tool_dll)" snapshot --project-dir "$work" --provider sqlite --committed "$work/peak.json" 2>&1 >/dev/null | tail -1)
  peakn=$(SCHEMADRIFT_CONNECTION="Data Source=$big" /usr/bin/time -f '%M' "$native_tool" snapshot --project-dir "$work" --provider sqlite --committed "$work/peak.json" 2>&1 >/dev/null | tail -1 || true)
  note "tool_peak_rss sqlite tables=1000 kb=$peak native_kb=$peakn"
fi

if [ -x build/servers.sh ] && [ "${BENCH_SERVERS:-1}" = 1 ]; then
  eval "$(build/servers.sh start)"
  trap 'build/servers.sh stop >/dev/null 2>&1 || true' EXIT
  if dotnet "$bench_bin" create-server-schemas --tables 1000 --columns 20 > "$work/server-schemas.env" 2>"$work/server-schemas.err"; then
    # shellcheck disable=SC1090
    . "$work/server-schemas.env"
    pg=(); pgj=(); pgd=(); my=(); myj=(); myd=()
    for i in $(seq "$runs"); do
      pgd+=("$(time_cmd env PGPASSWORD="$SCHEMADRIFT_BENCH_PG_PASSWORD" pg_dump --schema-only -h 127.0.0.1 -p "$SCHEMADRIFT_BENCH_PG_PORT" -U "$SCHEMADRIFT_BENCH_PG_USER" "$SCHEMADRIFT_BENCH_PG_DB")")
      pg+=("$(time_cmd introspect_with native postgres "$SCHEMADRIFT_BENCH_PG")")
      pgj+=("$(time_cmd introspect_with jit postgres "$SCHEMADRIFT_BENCH_PG")")
      myd+=("$(time_cmd mysqldump --no-data -h 127.0.0.1 -P "$SCHEMADRIFT_BENCH_MY_PORT" -u "$SCHEMADRIFT_BENCH_MY_USER" -p"$SCHEMADRIFT_BENCH_MY_PASSWORD" "$SCHEMADRIFT_BENCH_MY_DB")")
      my+=("$(time_cmd introspect_with native mysql "$SCHEMADRIFT_BENCH_MY")")
      myj+=("$(time_cmd introspect_with jit mysql "$SCHEMADRIFT_BENCH_MY")")
    done
    p1=$(printf '%s\n' "${pg[@]}" | median); p2=$(printf '%s\n' "${pgd[@]}" | median); p3=$(printf '%s\n' "${pgj[@]}" | median)
    m1=$(printf '%s\n' "${my[@]}" | median); m2=$(printf '%s\n' "${myd[@]}" | median); m3=$(printf '%s\n' "${myj[@]}" | median)
    note "introspection postgres tables=1000 schemadrift_ms=$p1 framework_dependent_ms=$p3 pg_dump_ms=$p2 ratio=$(ratio "$p1" "$p2") framework_dependent_ratio=$(ratio "$p3" "$p2")"
    note "introspection mariadb tables=1000 schemadrift_ms=$m1 framework_dependent_ms=$m3 mysqldump_ms=$m2 ratio=$(ratio "$m1" "$m2") framework_dependent_ratio=$(ratio "$m3" "$m2")"
    # What a build pays per compile once SchemaDriftCacheTtlSeconds has passed and the schema
    # did not change: the tool starts, sends the fingerprint query, finds nothing to do.
    unchanged_with() { # native|jit provider connection-string
      SCHEMADRIFT_CONNECTION="$3" run_tool "$1" introspect --project-dir "$work" --provider "$2" --cache "$work/unchanged-$1-$2/snapshot.json" >/dev/null
    }
    for t in native jit; do
      unchanged_with "$t" postgres "$SCHEMADRIFT_BENCH_PG"; unchanged_with "$t" mysql "$SCHEMADRIFT_BENCH_MY"
    done
    pgu=(); myu=(); pguj=(); myuj=()
    for i in $(seq "$runs"); do
      pgu+=("$(time_cmd unchanged_with native postgres "$SCHEMADRIFT_BENCH_PG")")
      pguj+=("$(time_cmd unchanged_with jit postgres "$SCHEMADRIFT_BENCH_PG")")
      myu+=("$(time_cmd unchanged_with native mysql "$SCHEMADRIFT_BENCH_MY")")
      myuj+=("$(time_cmd unchanged_with jit mysql "$SCHEMADRIFT_BENCH_MY")")
    done
    note "unchanged_check tables=1000 postgres_ms=$(printf '%s\n' "${pgu[@]}" | median) mariadb_ms=$(printf '%s\n' "${myu[@]}" | median) framework_dependent_postgres_ms=$(printf '%s\n' "${pguj[@]}" | median) framework_dependent_mariadb_ms=$(printf '%s\n' "${myuj[@]}" | median)"
    note "$(SCHEMADRIFT_CONNECTION="$SCHEMADRIFT_BENCH_PG" dotnet "$bench_bin" read --provider postgres --runs "$runs")"
    note "$(SCHEMADRIFT_CONNECTION="$SCHEMADRIFT_BENCH_MY" dotnet "$bench_bin" read --provider mysql --runs "$runs")"
  else
    note "introspection servers: schema setup failed ($(head -c 300 "$work/server-schemas.err"))"
  fi
fi

echo "==> writing docs/benchmarks.md"
build/bench-report.sh "$results" > docs/benchmarks.md
cat "$results"

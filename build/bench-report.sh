#!/usr/bin/env bash
# Turns build/bench.sh's results file into docs/benchmarks.md (printed to stdout).
set -euo pipefail
results="$1"
get() { grep -E "^$1( |=)" "$results" | head -1 | grep -oE "$2=[^ ]+" | head -1 | cut -d= -f2; }
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
cat <<EOF2
# Benchmarks

Measured by \`./build/bench.sh\` on $(date -u +%Y-%m-%d) on a $(nproc)-core machine ($cpu,
$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM), .NET SDK $(dotnet --version).
Each figure is the median of several runs, with its baseline measured alternately in the
same run: this machine is shared and noisy, so compare the ratios, not the milliseconds.
Raw results: the last section.

## Build overhead (2,000 files, 10,000 SQL call sites, 100 EF entities, 500-table snapshot)

| figure | without SchemaDrift | with SchemaDrift | ratio | target |
|---|---|---|---|---|
| full build (\`--no-incremental\`) | $(get full_build baseline_ms) ms | $(get full_build with_ms) ms | $(get full_build ratio) ($(get full_build added)) | < 3 % added |
| full build, per back-to-back pair ($(get full_build pairs) pairs) | | | median $(get full_build pair_ratio_median) (quartiles $(get full_build pair_ratio_q1)–$(get full_build pair_ratio_q3)) | < 1.03 |
| full build, CPU time (user + system of the build and its compiler) | $(get full_build_cpu baseline_ms) ms | $(get full_build_cpu with_ms) ms | per pair median $(get full_build_cpu pair_ratio_median) (quartiles $(get full_build_cpu pair_ratio_q1)–$(get full_build_cpu pair_ratio_q3)) | |
| SchemaDrift's frames in a full build's CPU samples (\`perf\`, all processes, idle cores left out, median of 3) | | $(get perf_share precompiled_pct) % precompiled analyzers (runs $(get perf_share precompiled_runs)) | IL analyzers: $(get perf_share il_pct) % (runs $(get perf_share il_runs)) | |
| the compiler alone, with and without SchemaDrift **at the same moment** (CPU time, user + system; which one starts first alternates) | $(get side_by_side baseline_cpu_ms) ms | $(get side_by_side with_cpu_ms) ms | median $(get side_by_side cpu_ratio_median) (runs $(get side_by_side runs)); A/A control, two baseline compilers: $(get side_by_side aa_control_runs) | < 1.03 |
| the compiler server (\`UseSharedCompilation=true\`, the SDK's default), CPU per compile | $(get compiler_server baseline_cpu_ms) ms | $(get compiler_server with_cpu_ms) ms | per pair median $(get compiler_server pair_ratio_median) (runs $(get compiler_server runs)) | |
| no-op build (second \`dotnet build\`) | $(get noop_build baseline_ms) ms | $(get noop_build with_ms) ms | $(get noop_build ratio) | small; no database round trip |

Run one after the other, the two builds land in different spells of this host (the same build
took 17 to 24 s within minutes), so the pairs above cannot resolve 3 %. Run at the same moment,
both compilers share the spell, and the ratio of their CPU times is the cost of SchemaDrift's
analyzers in the compiler; the A/A control row shows the method's own tilt. One such pair under
\`perf\`: the compiler with SchemaDrift took $(get side_by_side_samples added_pct) % samples more than the one without (one pair: noisy, the CPU row is five);
SchemaDrift's own frames were $(get side_by_side_samples schemadrift_frames_pct) % of the baseline's samples, the runtime's tier-up JIT thread
$(get side_by_side_samples tier_up_jit_added_pct) % more than the baseline's, and everything else (the analyzer driver, the collector, the compiler's threads)
$(get side_by_side_samples other_added_pct) % more (history item 19). So the frame share above is a floor under the added cost, not the cost.

Methods the runtime JIT-compiled at tier 0 in one compile (its perf map, two compiles each):
$(get jit_tier0 baseline) without SchemaDrift, $(get jit_tier0 with) with it, **$(get jit_tier0 added) added** (runs: with
$(get jit_tier0 with_runs), without $(get jit_tier0 baseline_runs)). The analyzers themselves are precompiled; what is
left is framework code over SchemaDrift's own types and the few methods the runtime rejects from
the image. Unlike the compile's time, this count hardly moves between runs (history item 22).

Per SQL call site, the analysis itself (the generated queries through the checker in one thread,
after tiered compilation has promoted the code): **$(get sqlcost check_us) µs** for the drift rules (measured again at the end of the run: $(get sqlcost check_again_us) µs), $(get sqlcost index_advice_us) µs more for the index advice (target: under 50 µs).
As the analyzers run it now (one parse shared): parsing $(get sqlcost parse_us) µs and $(get sqlcost parse_bytes) bytes allocated, the drift
rules $(get sqlcost rules_us) µs / $(get sqlcost rules_bytes) bytes, the index advice $(get sqlcost advice_us) µs / $(get sqlcost advice_bytes) bytes. Inside a build's compiler the same work
takes several times longer: that compiler lives for one build, and the runtime never promotes the
analyzers' code past the JIT's unoptimized first tier while it compiles (history item 18; on
Linux x64 the package's precompiled analyzers avoid that), besides the allocator, the collector
and caches shared with the compiler's own working set. That is why the figures below are larger.
Cold, with a sweep through $(get sqlcost sweep_mb) MiB before each query (as the compiler's working set evicts
SchemaDrift's code and data between two call sites): the drift rules with their parse
**$(get sqlcost check_cold_us) µs**, the parse alone $(get sqlcost parse_cold_us) µs, the rules alone $(get sqlcost rules_cold_us) µs (history item 24).
The compiler's own attribution (\`-p:ReportAnalyzer=true\`) is larger: SchemaDrift analyzers
$(get analyzer schemadrift_ms) ms of a $(get analyzer csc_task_ms) ms Csc task ($(get analyzer share_of_csc), $(get analyzer per_site_us) µs per call site), because it also counts
the driver's work for every method body and every invocation the analyzers subscribe to, and
thread time on both cores. The wall-clock full-build ratio above is what a user waits for.

The same compile in one thread, in process, with SchemaDrift's analyzers and with no analyzer
at all (best of $(get compile runs)): $(get compile with_ms) ms vs $(get compile baseline_ms) ms ($(get compile added)). That is the worst
case, a project with every other analyzer switched off (\`EnableNETAnalyzers=false\`): the
compiler's analyzer driver then runs for SchemaDrift alone. The generated project above keeps the
.NET SDK's default analyzers, which pay for much of that driver work already. Measured the
same way with the SDK's analyzers (\`Microsoft.CodeAnalysis.NetAnalyzers\`, $(get compile_with_sdk_analyzers other_analyzers) analyzers at their
default severities) on both sides, i.e. what SchemaDrift adds to a default project's compile:
**$(get compile_with_sdk_analyzers with_ms) ms vs $(get compile_with_sdk_analyzers baseline_ms) ms ($(get compile_with_sdk_analyzers added), best of $(get compile_with_sdk_analyzers runs); per-pair median
$(get compile_with_sdk_analyzers pair_ratio_median), range $(get compile_with_sdk_analyzers pair_ratio_min)–$(get compile_with_sdk_analyzers pair_ratio_max))**, analysis in one thread. The process's CPU time for the
same compiles (all threads, so not counting the moments the host runs something else): $(get compile_with_sdk_analyzers_cpu with_cpu_ms) ms vs
$(get compile_with_sdk_analyzers_cpu baseline_cpu_ms) ms (medians, $(get compile_with_sdk_analyzers_cpu added); per-pair median $(get compile_with_sdk_analyzers_cpu pair_ratio_median)). Garbage collection: $(get compile_with_sdk_analyzers_gc with_pause_ms) ms of pauses vs
$(get compile_with_sdk_analyzers_gc baseline_pause_ms) ms, $(get compile_with_sdk_analyzers_gc with_allocated_mib) MiB allocated vs $(get compile_with_sdk_analyzers_gc baseline_allocated_mib) MiB. In this project every method
is a SQL call site (10,000 of them), the densest a project can be: most of that time is the
per-site work (reading the constant text, parsing, checking, index advice), which a project with
fewer SQL call sites per method pays less of (not measured here).

No-op build against SQLite: the tool was launched $(get noop_build sqlite_tool_launches) times and sent
$(get noop_build sqlite_db_queries) queries (the MSBuild task compares the database file's timestamp and size).

## Editor latency

What an IDE does on a keystroke: edit one document of the large project, make the new
compilation, ask the analyzers for that document's diagnostics. Each keystroke is measured
with SchemaDrift's analyzers and with a do-nothing analyzer on the same compilation (binding
the document and the driver's own work), alternately, and the difference is SchemaDrift's. Before
both, the compiler's own diagnostics of the edited document are computed, as the IDE does on
every keystroke whatever analyzers are installed (otherwise the compilation's shared lazy state,
such as the merged declarations of all files, is charged to whichever side runs first), and 40
untimed keystrokes come first, so that the JIT has promoted the code as in an IDE open a while:
**median $(get latency added_median_ms) ms added, p95 $(get latency added_p95_ms) ms** (target: under 5 ms median), over a
baseline of $(get latency baseline_median_ms) ms ($(get latency samples) keystrokes, $(get latency documents) documents).

## Memory

The analyzers' retained memory for the 500-table snapshot (parsed model plus lookup index):
$(awk -v b="$(get memory retained_bytes)" 'BEGIN { printf "%.1f MiB", b/1048576 }') for a $(awk -v b="$(get memory snapshot_bytes)" 'BEGIN { printf "%.1f MiB", b/1048576 }') snapshot file.
Reading it (once per compiler process, in a fresh process here): $(get memory first_load_ms) ms, $(awk -v b="$(get memory load_allocated_bytes)" 'BEGIN { if (b == "") print "n/a"; else printf "%.1f MiB", b/1048576 }') allocated.
Introspection tool peak RSS on 1,000 SQLite tables: $(awk -v k="$(get tool_peak_rss kb)" 'BEGIN { if (k == "") print "n/a"; else printf "%.0f MiB", k/1024 }') framework-dependent, $(awk -v k="$(get tool_peak_rss native_kb)" 'BEGIN { if (k == "") print "n/a"; else printf "%.0f MiB", k/1024 }') native.

## Introspection (1,000 tables × 20 columns)

| engine | SchemaDrift, native tool (what builds on Linux x64 run) | framework-dependent tool (other machines) | engine's dump tool | ratio native / framework-dependent | target |
|---|---|---|---|---|---|
| SQLite | $(get "introspection sqlite" schemadrift_ms) ms | $(get "introspection sqlite" framework_dependent_ms) ms | \`sqlite3 .schema\` $(get "introspection sqlite" sqlite3_schema_ms) ms | $(get "introspection sqlite" ratio) / $(get "introspection sqlite" framework_dependent_ratio) | ≤ 1 |
| SQLite, against the engine's floor | | | \`sqlite3\` running the reader's own catalog queries $(get "introspection sqlite" sqlite3_catalog_queries_ms) ms | $(get "introspection sqlite" ratio_to_catalog_queries) (native) | |
| PostgreSQL | $(get "introspection postgres" schemadrift_ms) ms | $(get "introspection postgres" framework_dependent_ms) ms | \`pg_dump --schema-only\` $(get "introspection postgres" pg_dump_ms) ms | $(get "introspection postgres" ratio) / $(get "introspection postgres" framework_dependent_ratio) | ≤ 1 |
| MariaDB | $(get "introspection mariadb" schemadrift_ms) ms | $(get "introspection mariadb" framework_dependent_ms) ms | \`mysqldump --no-data\` $(get "introspection mariadb" mysqldump_ms) ms | $(get "introspection mariadb" ratio) / $(get "introspection mariadb" framework_dependent_ratio) | ≤ 1 |

\`sqlite3 .schema\` prints the CREATE text SQLite stores; a snapshot needs what only the pragma
functions answer (declared type, nullability, default, key position, hidden/generated, foreign
keys, index columns). The second SQLite row gives the sqlite3 shell those same seven catalog
queries (each wrapped in \`count(*)\`, so it formats nothing): the engine's own time, below which
no reader can go.

SchemaDrift's figures are the tool process end to end, as a build runs it. build/pack.sh
compiles the tool ahead of time on Linux x64 (tools/native/linux-x64/ in the package) and the
build runs that where the SDK's runtime identifier matches; elsewhere it runs
\`dotnet SchemaDrift.Tool.dll\`. Starting the process alone (the \`version\` command): native
$(get process_start_ms native_ms) ms, framework-dependent $(get process_start_ms process_start_ms) ms. Reading the catalog inside a
running process: SQLite $(get "read provider=sqlite" median_ms) ms, PostgreSQL $(get "read provider=postgres" median_ms) ms, MariaDB $(get "read provider=mysql" median_ms) ms
($(get "read provider=sqlite" queries), $(get "read provider=postgres" queries) and $(get "read provider=mysql" queries) catalog queries for 1,000 tables).
Writing the committed snapshot's JSON from the model in the same process, streamed in 64 KB
blocks as the tool writes it (SQLite's 1,000 tables, $(get "read provider=sqlite" json_bytes) bytes): $(get "read provider=sqlite" serialize_ms) ms,
$(get "read provider=sqlite" serialize_mib) MiB allocated. So on SQLite the tool's time is about: process start, the catalog read,
the JSON, and writing the file.

A build against a server whose schema did not change (after \`SchemaDriftCacheTtlSeconds\`,
default 0) starts the tool, sends the fingerprint query and reports from the state file:
PostgreSQL $(get unchanged_check postgres_ms) ms, MariaDB $(get unchanged_check mariadb_ms) ms end to end for 1,000 tables with the native
tool ($(get unchanged_check framework_dependent_postgres_ms) ms and $(get unchanged_check framework_dependent_mariadb_ms) ms framework-dependent).

$(cat "$(dirname "$0")/bench/history.md")

## Raw results

\`\`\`
$(cat "$results")
\`\`\`
EOF2

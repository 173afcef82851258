#!/usr/bin/env bash
# The SchemaDrift demo: packs the package, creates the sample's SQLite database from its
# schema file, and builds the sample app against it. The build shows the DBDRIFT warning
# for the query that names a column the database does not have.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version="0.1.0-demo.$(date -u +%Y%m%d%H%M%S)"
echo "==> Packing SchemaDrift $version (on Linux x64 this includes the ahead-of-time compiled tool)"
build/pack.sh "$version" >/dev/null

echo "==> Creating samples/TodoApp/app.db from samples/TodoApp/db/schema.sql"
dotnet run --project samples/DbSetup -v:q -- samples/TodoApp/app.db samples/TodoApp/db/schema.sql

echo "==> Building samples/TodoApp (SchemaDrift introspects app.db before compiling)"
rm -rf samples/TodoApp/obj samples/TodoApp/bin
dotnet build samples/TodoApp -nologo -p:SchemaDriftVersion="$version" -v:n \
  | sed -E 's/^ *([0-9]+>)?//' | grep -E 'SchemaDrift:|warning DBDRIFT|error DBDRIFT|Build succeeded|Build FAILED|Warning\(s\)|Error\(s\)' | sort -u

echo
echo "==> The same build with warnings as errors, as CI would run it"
if dotnet build samples/TodoApp -nologo -p:SchemaDriftVersion="$version" -warnaserror --no-incremental \
     | grep -E 'error DBDRIFT|Build FAILED' | sort -u; then :; fi
echo
echo "Fix: Program.cs line 46 selects 'username'; the column is 'display_name'."

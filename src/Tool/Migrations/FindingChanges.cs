using System.Globalization;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Tool.Migrations;

/// <summary>What happened to a drift finding when a migration was generated.</summary>
internal sealed record FindingOutcome(DriftFinding Finding, string Key, string Status, string Detail);

/// <summary>
/// Turns the schema-side drift findings into changes (docs/migrations.md lists the
/// diagnostic properties read here): DBDRIFT501 → CREATE TABLE / ADD COLUMN,
/// DBDRIFT801 → enum value, DBDRIFT401 → RENAME only with SchemaDriftAcceptRenames.
/// Everything else is a code fix (the seed's strategy 1), not a migration. Properties are
/// read defensively: a missing or implausible one defers the finding with the reason.
/// </summary>
internal static class FindingChanges
{
    public const string Migrated = "FIXING";
    public const string Deferred = "DEFERRED";
    public const string AlreadyFixed = "FIXED";
    public const string CodeFix = "FOUND";

    public static (List<SchemaChange> Changes, List<FindingOutcome> Outcomes) Build(IReadOnlyList<DriftFinding> findings, SchemaSnapshot live, bool acceptRenames)
    {
        var provider = live.Provider;
        var changes = new List<SchemaChange>();
        var outcomes = new List<FindingOutcome>();
        var tables = NameComparer.Tables(live);
        var cols = NameComparer.Columns(provider);
        var dialect = MigrationDialect.For(provider);

        TableInfo? Live(string? schema, string table) =>
            live.Tables.FirstOrDefault(t => tables.Equals(t.Name, table) && (provider != SqlProviders.Postgres || schema == null || t.Schema == schema));

        void Outcome(DriftFinding f, string key, string status, string detail) => outcomes.Add(new FindingOutcome(f, key, status, detail));

        // Dialect guard: a finding computed for another engine says nothing about this database.
        var relevant = new List<DriftFinding>();
        foreach (var f in findings)
        {
            var d = f.Prop("Dialect");
            if (d != null && !string.Equals(d, provider, StringComparison.OrdinalIgnoreCase) && !(d.Equals("postgresql", StringComparison.OrdinalIgnoreCase) && provider == SqlProviders.Postgres))
            {
                Outcome(f, f.RuleId, Deferred, "the finding is for " + d + ", the database is " + provider);
                continue;
            }
            relevant.Add(f);
        }

        // DBDRIFT501 tables first, so column findings for the same new table fold into its CREATE TABLE.
        var created = new Dictionary<string, SchemaChange>(StringComparer.Ordinal);
        foreach (var f in relevant.Where(f => f.RuleId == "DBDRIFT501" && IsTable(f)))
        {
            var schema = f.Prop("Schema") ?? live.DefaultSchema;
            var name = f.Prop("Table");
            var key = name == null ? f.RuleId : FindingKey.Table(f.RuleId, KeySchema(schema, provider), name);
            if (name == null) { Outcome(f, key, Deferred, "the diagnostic carries no Table property"); continue; }
            if (Live(schema, name) != null) { Outcome(f, key, AlreadyFixed, "table " + name + " exists now (the SARIF log is older than the database)"); continue; }
            var ck = schema + "." + name;
            if (created.TryGetValue(ck, out var existing)) { existing.Fixes.Add(key); Outcome(f, key, Migrated, "CREATE TABLE " + name); continue; }
            var table = new TableInfo { Schema = schema, Name = name };
            var problem = ReadColumns(f, table, provider);
            if (problem != null) { Outcome(f, key, Deferred, problem); continue; }
            var c = new SchemaChange { Kind = ChangeKind.CreateTable, Schema = schema, Table = name, TableDefinition = table, TargetTable = table, Source = "DBDRIFT501" };
            c.Fixes.Add(key);
            created[ck] = c;
            changes.Add(c);
            Outcome(f, key, Migrated, "CREATE TABLE " + name);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in relevant.Where(f => f.RuleId == "DBDRIFT501" && !IsTable(f)))
        {
            var schema = f.Prop("Schema") ?? live.DefaultSchema;
            var tableName = f.Prop("Table");
            var column = f.Prop("Column");
            var key = tableName != null && column != null ? FindingKey.Column(f.RuleId, KeySchema(schema, provider), tableName, column) : f.RuleId;
            if (tableName == null || column == null) { Outcome(f, key, Deferred, "the diagnostic carries no Table/Column property"); continue; }
            if (!seen.Add(key)) { Outcome(f, key, Migrated, "same column as another finding"); continue; }
            var col = ColumnFrom(f, "", column, provider, out var problem);
            if (col == null) { Outcome(f, key, Deferred, problem!); continue; }
            if (created.TryGetValue(schema + "." + tableName, out var create))
            {
                if (!create.TableDefinition!.Columns.Any(x => cols.Equals(x.Name, column)))
                {
                    col.Ordinal = create.TableDefinition.Columns.Count + 1;
                    create.TableDefinition.Columns.Add(col);
                }
                create.Fixes.Add(key);
                Outcome(f, key, Migrated, "column of the new table " + tableName);
                continue;
            }
            var table = Live(schema, tableName);
            if (table == null) { Outcome(f, key, Deferred, "table " + tableName + " does not exist and no DBDRIFT501 finding describes it"); continue; }
            if (table.Columns.Any(x => cols.Equals(x.Name, column))) { Outcome(f, key, AlreadyFixed, "column " + tableName + "." + column + " exists now"); continue; }
            col.Ordinal = table.Columns.Count + 1;
            var c = new SchemaChange { Kind = ChangeKind.AddColumn, Schema = table.Schema, Table = table.Name, Column = col, TableDefinition = table, Source = "DBDRIFT501" };
            c.Fixes.Add(key);
            changes.Add(c);
            Outcome(f, key, Migrated, "ADD COLUMN " + tableName + "." + column);
        }

        // DBDRIFT801: enum values.
        var labels = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in relevant.Where(f => f.RuleId == "DBDRIFT801"))
        {
            var value = f.Prop("Value");
            var enumType = f.Prop("EnumType");
            var tableName = f.Prop("Table");
            var column = f.Prop("Column");
            var key = FindingKey.EnumValue(f.RuleId, enumType ?? (tableName + "." + column), value ?? "");
            if (value == null) { Outcome(f, key, Deferred, "the diagnostic carries no Value property"); continue; }
            if (!seen.Add(key)) { Outcome(f, key, Migrated, "same value as another finding"); continue; }
            if (provider == SqlProviders.Sqlite) { Outcome(f, key, Deferred, "SQLite has no enum types: store the value as text (or change a CHECK constraint by hand)"); continue; }
            if (provider == SqlProviders.Postgres && enumType != null)
            {
                var (s, n) = PostgresDialect.SplitEnum(enumType.Replace("\"", ""), live.DefaultSchema);
                var e = live.Enums.FirstOrDefault(x => x.Schema == s && x.Name == n) ?? live.Enums.FirstOrDefault(x => x.Name == n);
                if (e == null) { Outcome(f, key, Deferred, "enum type " + enumType + " does not exist in the database"); continue; }
                if (e.Values.Contains(value)) { Outcome(f, key, AlreadyFixed, "enum " + e.Name + " has '" + value + "' now"); continue; }
                var lk = e.Schema + "." + e.Name;
                if (!labels.TryGetValue(lk, out var current)) labels[lk] = current = e.Values.ToList();
                var target = new EnumInfo { Schema = e.Schema, Name = e.Name };
                target.Values.AddRange(current);
                target.Values.Add(value);
                var c = new SchemaChange { Kind = ChangeKind.AddEnumValue, Schema = e.Schema, Table = e.Name, Enum = target, EnumValue = value, OldEnumValues = current.ToList(), Source = "DBDRIFT801" };
                SchemaDiffer.AddUsages(c, live, e);
                current.Add(value);
                c.Fixes.Add(key);
                changes.Add(c);
                Outcome(f, key, Migrated, "ALTER TYPE " + e.Name + " ADD VALUE '" + value + "'");
                continue;
            }
            if (tableName == null || column == null) { Outcome(f, key, Deferred, "the diagnostic carries neither EnumType nor Table/Column"); continue; }
            var table = Live(f.Prop("Schema"), tableName);
            var col = table?.Columns.FirstOrDefault(x => cols.Equals(x.Name, column));
            if (col?.EnumValues == null) { Outcome(f, key, Deferred, "column " + tableName + "." + column + " is not an ENUM column in the database"); continue; }
            if (col.EnumValues.Contains(value)) { Outcome(f, key, AlreadyFixed, "column " + tableName + "." + column + " allows '" + value + "' now"); continue; }
            var ckey = table!.Name + "." + col.Name;
            if (!labels.TryGetValue(ckey, out var now)) labels[ckey] = now = col.EnumValues.ToList();
            var after = SnapshotCopy.Column(col);
            after.EnumValues = now.Concat(new[] { value }).ToList();
            var before = SnapshotCopy.Column(col);
            before.EnumValues = now.ToList();
            var change = new SchemaChange { Kind = ChangeKind.AddEnumValue, Schema = table.Schema, Table = table.Name, Column = after, OldColumn = before, EnumValue = value, OldEnumValues = now.ToList(), Source = "DBDRIFT801" };
            now.Add(value);
            change.Fixes.Add(key);
            changes.Add(change);
            Outcome(f, key, Migrated, "ENUM of " + tableName + "." + column + " gets '" + value + "'");
        }

        // DBDRIFT401: possible renames, only with explicit opt-in.
        var renames = relevant.Where(f => f.RuleId == "DBDRIFT401").ToList();
        var targets = renames.GroupBy(f => (f.Prop("Kind"), f.Prop("Table"), f.Prop("Candidate0"))).Where(g => g.Select(f => f.Prop("Name")).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet();
        foreach (var f in renames)
        {
            var kind = f.Prop("Kind") ?? "column";
            var name = f.Prop("Name");
            var tableName = f.Prop("Table");
            var key = kind == "table" ? FindingKey.Table(f.RuleId, null, name ?? "?") : FindingKey.Column(f.RuleId, null, tableName ?? "?", name ?? "?");
            if (!seen.Add(key)) { Outcome(f, key, acceptRenames ? Migrated : Deferred, "same name as another finding"); continue; }
            var count = f.IntProp("CandidateCount") ?? 0;
            var candidate = f.Prop("Candidate0");
            if (name == null || candidate == null || (kind != "table" && tableName == null)) { Outcome(f, key, Deferred, "the diagnostic carries no Name/Candidate0/Table property"); continue; }
            if (count != 1) { Outcome(f, key, Deferred, "possible rename with " + count.ToString(CultureInfo.InvariantCulture) + " candidates: a human decides"); continue; }
            if (targets.Contains((f.Prop("Kind"), tableName, candidate))) { Outcome(f, key, Deferred, "several names in code point at '" + candidate + "': a human decides"); continue; }
            var nowExists = kind == "table" ? Live(null, name) != null : Live(null, tableName!)?.Columns.Any(x => cols.Equals(x.Name, name)) == true;
            if (nowExists) { Outcome(f, key, AlreadyFixed, (kind == "table" ? "table " : "column " + tableName + ".") + name + " exists now"); continue; }
            var what = kind == "table" ? "table '" + candidate + "' to '" + name + "'" : "column " + tableName + "." + candidate + " to '" + name + "'";
            if (!acceptRenames)
            {
                Outcome(f, key, Deferred, "possible rename of " + what + ": prefer fixing the code (the 'Use " + candidate + "' code fix); " +
                                          "to rename the database instead, generate again with -p:SchemaDriftAcceptRenames=true");
                continue;
            }
            if (kind == "table")
            {
                var t = Live(null, candidate);
                if (t == null || Live(null, name) != null) { Outcome(f, key, Deferred, "table " + candidate + " is missing or " + name + " exists already"); continue; }
                var c = new SchemaChange { Kind = ChangeKind.RenameTable, Schema = t.Schema, Table = name, OldName = t.Name, NewName = name, TableDefinition = t, Source = "DBDRIFT401" };
                c.Fixes.Add(key);
                changes.Add(c);
            }
            else
            {
                var t = Live(null, tableName!);
                var old = t?.Columns.FirstOrDefault(x => cols.Equals(x.Name, candidate));
                if (t == null || old == null || t.Columns.Any(x => cols.Equals(x.Name, name))) { Outcome(f, key, Deferred, "column " + tableName + "." + candidate + " is missing or " + name + " exists already"); continue; }
                var renamed = SnapshotCopy.Column(old);
                renamed.Name = name;
                var c = new SchemaChange { Kind = ChangeKind.RenameColumn, Schema = t.Schema, Table = t.Name, OldName = old.Name, NewName = name, OldColumn = old, Column = renamed, TableDefinition = t, Source = "DBDRIFT401" };
                c.Fixes.Add(key);
                changes.Add(c);
            }
            Outcome(f, key, Migrated, "RENAME " + what + " (accepted with SchemaDriftAcceptRenames)");
        }

        foreach (var f in relevant.Where(f => f.RuleId != "DBDRIFT501" && f.RuleId != "DBDRIFT801" && f.RuleId != "DBDRIFT401"))
        {
            var detail = f.RuleId switch
            {
                "DBDRIFT101" => "table missing in code and database: new table or dead code? a human decides (a DBDRIFT501 from the model would generate it)",
                "DBDRIFT000" => "tool notice",
                "DBDRIFT601" => "the database has more than the model: update the model, or ignore",
                _ => "fix the code (the seed's strategy 1: code before schema)",
            };
            Outcome(f, f.RuleId + ":" + (f.File != null ? Path.GetFileName(f.File) : "") + ":" + f.Line.ToString(CultureInfo.InvariantCulture), f.RuleId == "DBDRIFT101" ? Deferred : CodeFix, detail);
        }
        return (changes, outcomes);
    }

    /// <summary>The finding's identity across builds (several call sites of one missing column are one finding).</summary>
    /// <summary>Only PostgreSQL schemas are part of a finding's identity (MySQL's "schema" is the database, different per environment).</summary>
    private static string? KeySchema(string? schema, string provider) => provider == SqlProviders.Postgres ? schema : null;

    public static string KeyOf(DriftFinding f, string defaultSchema, string provider)
    {
        switch (f.RuleId)
        {
            case "DBDRIFT501":
                if (f.Prop("Table") is not { } t) break;
                var s = KeySchema(f.Prop("Schema") ?? defaultSchema, provider);
                return IsTable(f) ? FindingKey.Table(f.RuleId, s, t)
                    : f.Prop("Column") is { } c ? FindingKey.Column(f.RuleId, s, t, c) : FindingKey.Table(f.RuleId, s, t);
            case "DBDRIFT801":
                if (f.Prop("Value") is not { } v) break;
                return FindingKey.EnumValue(f.RuleId, f.Prop("EnumType") ?? (f.Prop("Table") + "." + f.Prop("Column")), v);
            case "DBDRIFT401":
            case "DBDRIFT101":
            case "DBDRIFT201":
                if (f.Prop("Name") is not { } n) break;
                return (f.Prop("Kind") ?? (f.RuleId == "DBDRIFT101" ? "table" : "column")) == "table"
                    ? FindingKey.Table(f.RuleId, null, n) : FindingKey.Column(f.RuleId, null, f.Prop("Table") ?? "?", n);
        }
        return f.RuleId + ":" + (f.File != null ? Path.GetFileName(f.File) : "") + ":" + f.Line.ToString(CultureInfo.InvariantCulture) + ":" + f.Message;
    }

    private static bool IsTable(DriftFinding f) =>
        string.Equals(f.Prop("Kind"), "table", StringComparison.OrdinalIgnoreCase) || (f.Prop("Column") == null && f.Prop("ColumnCount") != null);

    /// <summary>Column i of a table finding: "Column{i}Name" (or "Column{i}.Name") and friends.</summary>
    private static string? ReadColumns(DriftFinding f, TableInfo table, string provider)
    {
        var count = f.IntProp("ColumnCount");
        if (count == null || count <= 0) return "the diagnostic lists no columns (ColumnCount) for the new table";
        var pk = (f.Prop("PrimaryKey") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        for (var i = 0; i < count; i++)
        {
            var prefix = "Column" + i.ToString(CultureInfo.InvariantCulture);
            var name = f.Prop(prefix + "Name") ?? f.Prop(prefix + ".Name");
            if (name == null) return "column " + i.ToString(CultureInfo.InvariantCulture) + " of the new table has no name";
            var col = ColumnFrom(f, prefix, name, provider, out var problem);
            if (col == null) return problem;
            col.Ordinal = i + 1;
            table.Columns.Add(col);
            if (col.PrimaryKey && !pk.Contains(name)) pk.Add(name);
        }
        if (pk.Count > 0)
        {
            table.PrimaryKey = new PrimaryKeyInfo { Name = provider == SqlProviders.Sqlite ? null : table.Name + "_pkey" };
            if (provider == SqlProviders.MySql) table.PrimaryKey.Name = "PRIMARY";
            table.PrimaryKey.Columns.AddRange(pk);
            foreach (var c in table.Columns.Where(c => pk.Contains(c.Name)))
            {
                c.PrimaryKey = true;
                c.Nullable = false;
            }
        }
        return null;
    }

    private static string? P(DriftFinding f, string prefix, string name) => f.Prop(prefix + name) ?? (prefix.Length > 0 ? f.Prop(prefix + "." + name) : null);

    private static ColumnInfo? ColumnFrom(DriftFinding f, string prefix, string name, string provider, out string? problem)
    {
        problem = null;
        var storeType = P(f, prefix, "StoreType");
        var enumType = P(f, prefix, "EnumType");
        if (storeType == null && enumType == null)
        {
            problem = "column " + name + " has no StoreType: the store type is needed to write DDL";
            return null;
        }
        if (storeType != null && !MigrationDialect.IsPlainType(storeType))
        {
            problem = "column " + name + " has a store type SchemaDrift does not write into DDL unchecked ('" + storeType + "')";
            return null;
        }
        var nullable = (P(f, prefix, "Nullable") ?? "true").Equals("true", StringComparison.OrdinalIgnoreCase);
        var col = new ColumnInfo
        {
            Name = name,
            Type = storeType ?? enumType!,
            EnumType = provider == SqlProviders.Postgres && enumType != null ? enumType.Replace("\"", "") : null,
            Nullable = nullable,
            Default = P(f, prefix, "DefaultSql") ?? P(f, prefix, "Default"),
            MaxLength = int.TryParse(P(f, prefix, "MaxLength"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ml) ? ml : null,
            Precision = int.TryParse(P(f, prefix, "Precision"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pr) ? pr : null,
            Scale = int.TryParse(P(f, prefix, "Scale"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sc) ? sc : null,
            PrimaryKey = (P(f, prefix, "PrimaryKey") ?? "").Equals("true", StringComparison.OrdinalIgnoreCase),
            Identity = P(f, prefix, "Identity"),
        };
        if (col.Default != null && (col.Default.Contains(';') || col.Default.Contains("--") || col.Default.Contains("/*")))
        {
            problem = "column " + name + " has a default SchemaDrift does not write into DDL unchecked";
            return null;
        }
        if (provider == SqlProviders.MySql && storeType != null && storeType.TrimStart().StartsWith("enum", StringComparison.OrdinalIgnoreCase))
        {
            col.EnumValues = new List<string>();
            foreach (var part in storeType.Substring(storeType.IndexOf('(') + 1).TrimEnd(')').Split(','))
            {
                col.EnumValues.Add(part.Trim().Trim('\'').Replace("''", "'"));
            }
        }
        col.Family = TypeFamily.Of(provider, col.Type, col.EnumType != null);
        return col;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using SchemaDrift.Core.Json;

namespace SchemaDrift.Core.Snapshot
{
    /// <summary>Which fields to write: the build cache keeps volatile facts, the committed file does not.</summary>
    public enum SnapshotFlavor
    {
        /// <summary>obj/…/schemadrift/snapshot.json: everything, including row estimates and statistics.</summary>
        Cache,

        /// <summary>schema.snapshot.json: only what changes when the schema changes, so git diffs stay meaningful.</summary>
        Committed,
    }

    public enum SnapshotReadError
    {
        None,
        Empty,
        Corrupt,
        NotASnapshot,
        NewerFormat,
        OlderFormat,
    }

    public sealed class SnapshotReadResult
    {
        public SchemaSnapshot? Snapshot { get; set; }
        public SnapshotReadError Error { get; set; }
        public string? Message { get; set; }
        public bool Success => Snapshot != null;
    }

    /// <summary>Reads and writes the snapshot JSON (docs/snapshot-format.md).</summary>
    public static class SnapshotSerializer
    {
        public const string FormatName = "schemadrift-snapshot";

        public static string Write(SchemaSnapshot snapshot, SnapshotFlavor flavor) => WriteUtf8(snapshot, flavor).ToString();

        /// <summary>The snapshot as the UTF-8 bytes of its file, without building a string first.</summary>
        public static Utf8Chunks WriteUtf8(SchemaSnapshot snapshot, SnapshotFlavor flavor)
        {
            var w = new JsonWriter(LineDepth(flavor));
            WriteTo(w, snapshot, flavor);
            return w.Utf8;
        }

        /// <summary>Streams the snapshot's UTF-8 bytes to <paramref name="output"/>, holding one small block at a time.</summary>
        public static void Write(SchemaSnapshot snapshot, SnapshotFlavor flavor, System.IO.Stream output)
        {
            var w = new JsonWriter(output, LineDepth(flavor));
            WriteTo(w, snapshot, flavor);
            w.Flush();
        }

        /// <summary>
        /// The committed file is indented, for people and git diffs. The cache only programs read,
        /// and every compilation reads it (the compiler decodes it, the analyzers parse it): one
        /// line per table member and per column, without indentation, is half the bytes for a
        /// 500-table schema and still readable line by line.
        /// </summary>
        private static int LineDepth(SnapshotFlavor flavor) => flavor == SnapshotFlavor.Cache ? 4 : int.MaxValue;

        private static void WriteTo(JsonWriter w, SchemaSnapshot snapshot, SnapshotFlavor flavor)
        {
            snapshot.Normalize();
            var cache = flavor == SnapshotFlavor.Cache;
            w.StartObject();
            w.Name("format").Value(FormatName);
            w.Name("formatVersion").Value(snapshot.FormatVersion);
            w.Name("provider").Value(snapshot.Provider);
            w.Name("defaultSchema").Value(snapshot.DefaultSchema);
            // A server setting, not a statistic: offline analysis needs it as much as live analysis does.
            w.Optional("caseSensitiveTableNames", snapshot.CaseSensitiveTableNames);
            w.Flag("partialVisibility", snapshot.PartialVisibility);
            if (cache)
            {
                // The database name differs between developer machines and CI; keep it out of the committed file.
                w.Optional("database", snapshot.Database);
                w.Optional("serverVersion", snapshot.ServerVersion);
                w.Optional("fingerprint", snapshot.Fingerprint);
                w.Optional("capturedAtUtc", snapshot.CapturedAtUtc);
            }
            w.StringArray("schemas", snapshot.Schemas);
            w.Name("tables").StartArray();
            foreach (var t in snapshot.Tables) WriteTable(w, t, cache);
            w.EndArray();
            w.Name("enums").StartArray();
            foreach (var e in snapshot.Enums)
            {
                w.StartObject();
                w.Name("schema").Value(e.Schema);
                w.Name("name").Value(e.Name);
                w.StringArray("values", e.Values);
                w.EndObject();
            }
            w.EndArray();
            w.Name("routines").StartArray();
            foreach (var r in snapshot.Routines) WriteRoutine(w, r);
            w.EndArray();
            w.EndObject();
        }

        private static void WriteTable(JsonWriter w, TableInfo t, bool cache)
        {
            w.StartObject();
            w.Name("schema").Value(t.Schema);
            w.Name("name").Value(t.Name);
            w.Name("kind").Value(KindName(t.Kind));
            w.Flag("withoutRowId", t.WithoutRowId);
            w.Flag("partitioned", t.Partitioned);
            w.Optional("rlsEnabled", t.RlsEnabled);
            w.Optional("rlsForced", t.RlsForced);
            if (cache) w.Optional("rowEstimate", t.RowEstimate);
            w.Optional("comment", t.Comment);
            w.Optional("definition", t.Definition);
            w.Name("columns").StartArray();
            foreach (var c in t.Columns)
            {
                w.StartObject();
                w.Name("name").Value(c.Name);
                w.Name("ordinal").Value(c.Ordinal);
                w.Name("type").Value(c.Type);
                w.Name("family").Value(c.Family);
                w.Name("nullable").Value(c.Nullable);
                w.Optional("default", c.Default);
                w.Flag("primaryKey", c.PrimaryKey);
                w.Optional("identity", c.Identity);
                w.Optional("generated", c.Generated);
                w.Optional("generationExpression", c.GenerationExpression);
                w.Optional("maxLength", c.MaxLength);
                w.Optional("precision", c.Precision);
                w.Optional("scale", c.Scale);
                w.Optional("enumType", c.EnumType);
                if (c.EnumValues != null) w.StringArray("enumValues", c.EnumValues);
                w.Optional("collation", c.Collation);
                w.Optional("comment", c.Comment);
                w.EndObject();
            }
            w.EndArray();
            if (t.PrimaryKey != null)
            {
                w.Name("primaryKey").StartObject();
                w.Optional("name", t.PrimaryKey.Name);
                w.StringArray("columns", t.PrimaryKey.Columns);
                w.EndObject();
            }
            if (t.UniqueConstraints.Count > 0)
            {
                w.Name("uniqueConstraints").StartArray();
                foreach (var u in t.UniqueConstraints)
                {
                    w.StartObject().Name("name").Value(u.Name).StringArray("columns", u.Columns).EndObject();
                }
                w.EndArray();
            }
            if (t.ForeignKeys.Count > 0)
            {
                w.Name("foreignKeys").StartArray();
                foreach (var fk in t.ForeignKeys)
                {
                    w.StartObject();
                    w.Name("name").Value(fk.Name);
                    w.StringArray("columns", fk.Columns);
                    w.Optional("referencedSchema", fk.ReferencedSchema);
                    w.Name("referencedTable").Value(fk.ReferencedTable);
                    w.StringArray("referencedColumns", fk.ReferencedColumns);
                    w.Name("onDelete").Value(fk.OnDelete);
                    w.Name("onUpdate").Value(fk.OnUpdate);
                    w.Flag("validated", fk.Validated, true);
                    w.EndObject();
                }
                w.EndArray();
            }
            if (t.Indexes.Count > 0)
            {
                w.Name("indexes").StartArray();
                foreach (var ix in t.Indexes)
                {
                    w.StartObject();
                    w.Name("name").Value(ix.Name);
                    w.Name("columns").StartArray();
                    foreach (var ic in ix.Columns)
                    {
                        w.StartObject();
                        w.Optional("name", ic.Name);
                        w.Optional("expression", ic.Expression);
                        w.Flag("descending", ic.Descending);
                        w.EndObject();
                    }
                    w.EndArray();
                    w.Flag("unique", ix.Unique);
                    w.Flag("primary", ix.Primary);
                    w.Optional("predicate", ix.Predicate);
                    w.Optional("method", ix.Method);
                    w.Flag("valid", ix.Valid, true);
                    if (cache) w.Optional("scans", ix.Scans);
                    w.EndObject();
                }
                w.EndArray();
            }
            if (t.Checks.Count > 0)
            {
                w.Name("checks").StartArray();
                foreach (var ck in t.Checks)
                {
                    w.StartObject().Optional("name", ck.Name).Name("expression").Value(ck.Expression).Flag("validated", ck.Validated, true).EndObject();
                }
                w.EndArray();
            }
            if (t.Triggers.Count > 0)
            {
                w.Name("triggers").StartArray();
                foreach (var tr in t.Triggers)
                {
                    w.StartObject();
                    w.Name("name").Value(tr.Name);
                    w.Name("timing").Value(tr.Timing);
                    w.StringArray("events", tr.Events);
                    w.Optional("level", tr.Level);
                    w.Optional("function", tr.Function);
                    w.Flag("functionExists", tr.FunctionExists, true);
                    w.Flag("enabled", tr.Enabled, true);
                    w.Optional("definition", tr.Definition);
                    w.EndObject();
                }
                w.EndArray();
            }
            if (t.Policies.Count > 0)
            {
                w.Name("policies").StartArray();
                foreach (var p in t.Policies)
                {
                    w.StartObject();
                    w.Name("name").Value(p.Name);
                    w.Name("command").Value(p.Command);
                    w.Name("permissive").Value(p.Permissive);
                    w.StringArray("roles", p.Roles);
                    w.Optional("using", p.Using);
                    w.Optional("withCheck", p.WithCheck);
                    w.EndObject();
                }
                w.EndArray();
            }
            w.EndObject();
        }

        private static void WriteRoutine(JsonWriter w, RoutineInfo r)
        {
            w.StartObject();
            w.Name("schema").Value(r.Schema);
            w.Name("name").Value(r.Name);
            w.Name("kind").Value(r.Kind);
            w.Name("arguments").Value(r.Arguments);
            w.StringArray("argumentTypes", r.ArgumentTypes);
            if (r.DefaultedArguments != 0) w.Name("defaultedArguments").Value(r.DefaultedArguments);
            w.Optional("returnType", r.ReturnType);
            w.Optional("language", r.Language);
            w.Flag("securityDefiner", r.SecurityDefiner);
            w.Optional("searchPath", r.SearchPath);
            w.Optional("volatility", r.Volatility);
            w.EndObject();
        }

        public static string KindName(TableKind kind) => kind switch
        {
            TableKind.View => "view",
            TableKind.MaterializedView => "materialized_view",
            _ => "table",
        };

        private static TableKind ParseKind(string? s) => s switch
        {
            "view" => TableKind.View,
            "materialized_view" => TableKind.MaterializedView,
            _ => TableKind.Table,
        };

        /// <summary>Reads a snapshot. Never throws; every failure is described for DBDRIFT000.</summary>
        public static SnapshotReadResult Read(string? text)
        {
            // Not Trim(): the file ends with a newline, so Trim copied the whole text (4 MB for 500 tables) to test it.
            if (text == null || string.IsNullOrWhiteSpace(text))
            {
                return new SnapshotReadResult { Error = SnapshotReadError.Empty, Message = "the snapshot file is empty" };
            }
            try
            {
                if (!JsonParser.TryParse(text, out var root, out var error) || root == null)
                {
                    return new SnapshotReadResult { Error = SnapshotReadError.Corrupt, Message = "the snapshot is not valid JSON (" + error + ")" };
                }
                if (root.Kind != JsonKind.Object || root.GetString("format") != FormatName)
                {
                    return new SnapshotReadResult { Error = SnapshotReadError.NotASnapshot, Message = "the file is not a SchemaDrift snapshot (no \"format\": \"" + FormatName + "\")" };
                }
                var version = root.GetInt("formatVersion");
                if (version == null)
                {
                    return new SnapshotReadResult { Error = SnapshotReadError.Corrupt, Message = "the snapshot has no formatVersion" };
                }
                if (version.Value > SchemaSnapshot.CurrentFormatVersion)
                {
                    return new SnapshotReadResult
                    {
                        Error = SnapshotReadError.NewerFormat,
                        Message = "the snapshot has format version " + version.Value.ToString(CultureInfo.InvariantCulture) +
                                  ", newer than this SchemaDrift reads (" + SchemaSnapshot.CurrentFormatVersion.ToString(CultureInfo.InvariantCulture) + ")",
                    };
                }
                if (version.Value < SchemaSnapshot.OldestReadableFormatVersion)
                {
                    return new SnapshotReadResult
                    {
                        Error = SnapshotReadError.OlderFormat,
                        Message = "the snapshot has format version " + version.Value.ToString(CultureInfo.InvariantCulture) + ", older than this SchemaDrift reads",
                    };
                }
                var provider = root.GetString("provider");
                if (!SqlProviders.IsKnown(provider))
                {
                    return new SnapshotReadResult { Error = SnapshotReadError.Corrupt, Message = "the snapshot names an unknown provider '" + provider + "'" };
                }
                return new SnapshotReadResult { Snapshot = FromJson(root, version.Value, provider!) };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return new SnapshotReadResult { Error = SnapshotReadError.Corrupt, Message = "the snapshot could not be read (" + ex.GetType().Name + ")" };
            }
        }

        /// <summary>
        /// A column, in one pass over its members: a 500-table snapshot has 10,000 columns, and a
        /// lookup per field scanned all of a column's members for each of 17 fields, most of them
        /// absent. Assigning in document order keeps JSON's rule that a repeated name's last value
        /// wins; a value of the wrong kind reads as absent, as GetString and friends read it.
        /// </summary>
        private static ColumnInfo? ReadColumn(JsonNode c, int position)
        {
            string? name = null;
            var column = new ColumnInfo { Ordinal = position };
            for (var i = 0; i < c.MemberCount; i++)
            {
                var member = c.Member(i);
                var v = member.Value;
                switch (member.Key)
                {
                    case "name": name = v.AsString(); break;
                    case "ordinal": column.Ordinal = v.AsInt() ?? position; break;
                    case "type": column.Type = v.AsString() ?? ""; break;
                    case "family": column.Family = v.AsString() ?? ""; break;
                    case "nullable": column.Nullable = v.AsBool() ?? true; break;
                    case "default": column.Default = v.AsString(); break;
                    case "primaryKey": column.PrimaryKey = v.AsBool() ?? false; break;
                    case "identity": column.Identity = v.AsString(); break;
                    case "generated": column.Generated = v.AsString(); break;
                    case "generationExpression": column.GenerationExpression = v.AsString(); break;
                    case "maxLength": column.MaxLength = v.AsInt(); break;
                    case "precision": column.Precision = v.AsInt(); break;
                    case "scale": column.Scale = v.AsInt(); break;
                    case "enumType": column.EnumType = v.AsString(); break;
                    case "enumValues": column.EnumValues = v.AsStringArray(); break;
                    case "collation": column.Collation = v.AsString(); break;
                    case "comment": column.Comment = v.AsString(); break;
                }
            }
            if (name == null) return null;
            column.Name = name;
            return column;
        }

        private static SchemaSnapshot FromJson(JsonNode root, int version, string provider)
        {
            var s = new SchemaSnapshot
            {
                FormatVersion = version,
                Provider = provider,
                Database = root.GetString("database"),
                DefaultSchema = root.GetString("defaultSchema") ?? "",
                CaseSensitiveTableNames = root.GetBool("caseSensitiveTableNames"),
                PartialVisibility = root.GetBool("partialVisibility") ?? false,
                ServerVersion = root.GetString("serverVersion"),
                Fingerprint = root.GetString("fingerprint"),
                CapturedAtUtc = root.GetString("capturedAtUtc"),
            };
            s.Schemas.AddRange(root.GetStringArray("schemas"));
            foreach (var t in root.GetArray("tables"))
            {
                if (t.Kind != JsonKind.Object) continue;
                var name = t.GetString("name");
                if (string.IsNullOrEmpty(name)) continue;
                var table = new TableInfo
                {
                    Schema = t.GetString("schema") ?? s.DefaultSchema,
                    Name = name!,
                    Kind = ParseKind(t.GetString("kind")),
                    WithoutRowId = t.GetBool("withoutRowId") ?? false,
                    Partitioned = t.GetBool("partitioned") ?? false,
                    RlsEnabled = t.GetBool("rlsEnabled"),
                    RlsForced = t.GetBool("rlsForced"),
                    RowEstimate = t.GetLong("rowEstimate"),
                    Comment = t.GetString("comment"),
                    Definition = t.GetString("definition"),
                };
                var ordinal = 0;
                foreach (var c in t.GetArray("columns"))
                {
                    ordinal++;
                    var column = ReadColumn(c, ordinal);
                    if (column != null) table.Columns.Add(column);
                }
                var pk = t["primaryKey"];
                if (pk != null && pk.Kind == JsonKind.Object)
                {
                    table.PrimaryKey = new PrimaryKeyInfo { Name = pk.GetString("name") };
                    table.PrimaryKey.Columns.AddRange(pk.GetStringArray("columns"));
                }
                foreach (var u in t.GetArray("uniqueConstraints"))
                {
                    var uc = new UniqueConstraintInfo { Name = u.GetString("name") ?? "" };
                    uc.Columns.AddRange(u.GetStringArray("columns"));
                    table.UniqueConstraints.Add(uc);
                }
                foreach (var f in t.GetArray("foreignKeys"))
                {
                    var fk = new ForeignKeyInfo
                    {
                        Name = f.GetString("name") ?? "",
                        ReferencedSchema = f.GetString("referencedSchema"),
                        ReferencedTable = f.GetString("referencedTable") ?? "",
                        OnDelete = f.GetString("onDelete") ?? "NO ACTION",
                        OnUpdate = f.GetString("onUpdate") ?? "NO ACTION",
                        Validated = f.GetBool("validated") ?? true,
                    };
                    fk.Columns.AddRange(f.GetStringArray("columns"));
                    fk.ReferencedColumns.AddRange(f.GetStringArray("referencedColumns"));
                    table.ForeignKeys.Add(fk);
                }
                foreach (var i in t.GetArray("indexes"))
                {
                    var ix = new IndexInfo
                    {
                        Name = i.GetString("name") ?? "",
                        Unique = i.GetBool("unique") ?? false,
                        Primary = i.GetBool("primary") ?? false,
                        Predicate = i.GetString("predicate"),
                        Method = i.GetString("method"),
                        Valid = i.GetBool("valid") ?? true,
                        Scans = i.GetLong("scans"),
                    };
                    foreach (var ic in i.GetArray("columns"))
                    {
                        ix.Columns.Add(new IndexColumnInfo
                        {
                            Name = ic.GetString("name"),
                            Expression = ic.GetString("expression"),
                            Descending = ic.GetBool("descending") ?? false,
                        });
                    }
                    table.Indexes.Add(ix);
                }
                foreach (var ck in t.GetArray("checks"))
                {
                    table.Checks.Add(new CheckInfo
                    {
                        Name = ck.GetString("name"),
                        Expression = ck.GetString("expression") ?? "",
                        Validated = ck.GetBool("validated") ?? true,
                    });
                }
                foreach (var tr in t.GetArray("triggers"))
                {
                    var trigger = new TriggerInfo
                    {
                        Name = tr.GetString("name") ?? "",
                        Timing = tr.GetString("timing") ?? "",
                        Level = tr.GetString("level"),
                        Function = tr.GetString("function"),
                        FunctionExists = tr.GetBool("functionExists") ?? true,
                        Enabled = tr.GetBool("enabled") ?? true,
                        Definition = tr.GetString("definition"),
                    };
                    trigger.Events.AddRange(tr.GetStringArray("events"));
                    table.Triggers.Add(trigger);
                }
                foreach (var p in t.GetArray("policies"))
                {
                    var policy = new PolicyInfo
                    {
                        Name = p.GetString("name") ?? "",
                        Command = p.GetString("command") ?? "ALL",
                        Permissive = p.GetBool("permissive") ?? true,
                        Using = p.GetString("using"),
                        WithCheck = p.GetString("withCheck"),
                    };
                    policy.Roles.AddRange(p.GetStringArray("roles"));
                    table.Policies.Add(policy);
                }
                s.Tables.Add(table);
            }
            foreach (var e in root.GetArray("enums"))
            {
                var name = e.GetString("name");
                if (name == null) continue;
                var en = new EnumInfo { Schema = e.GetString("schema") ?? s.DefaultSchema, Name = name };
                en.Values.AddRange(e.GetStringArray("values"));
                s.Enums.Add(en);
            }
            foreach (var r in root.GetArray("routines"))
            {
                var name = r.GetString("name");
                if (name == null) continue;
                var routine = new RoutineInfo
                {
                    Schema = r.GetString("schema") ?? s.DefaultSchema,
                    Name = name,
                    Kind = r.GetString("kind") ?? "function",
                    Arguments = r.GetString("arguments") ?? "",
                    DefaultedArguments = r.GetInt("defaultedArguments") ?? 0,
                    ReturnType = r.GetString("returnType"),
                    Language = r.GetString("language"),
                    SecurityDefiner = r.GetBool("securityDefiner") ?? false,
                    SearchPath = r.GetString("searchPath"),
                    Volatility = r.GetString("volatility"),
                };
                routine.ArgumentTypes.AddRange(r.GetStringArray("argumentTypes"));
                s.Routines.Add(routine);
            }
            return s;
        }

        /// <summary>Content equality ignoring volatile facts: used for staleness checks.</summary>
        public static bool SameSchema(SchemaSnapshot a, SchemaSnapshot b) =>
            string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

        /// <summary>
        /// The committed JSON with the database's own name taken out where it is only the
        /// environment speaking: on MySQL the default schema is the database, which differs
        /// between a developer's machine and CI, so it must not make a snapshot look stale.
        /// </summary>
        private static string Canonical(SchemaSnapshot snapshot)
        {
            var json = Write(snapshot, SnapshotFlavor.Committed);
            if (snapshot.Provider != SqlProviders.MySql || string.IsNullOrEmpty(snapshot.DefaultSchema)) return json;
            var copy = Read(json).Snapshot;
            if (copy == null) return json;
            var db = snapshot.DefaultSchema;
            const string Placeholder = "$database";
            string? Swap(string? name) => name == db ? Placeholder : name;
            copy.DefaultSchema = Placeholder;
            for (var i = 0; i < copy.Schemas.Count; i++) copy.Schemas[i] = Swap(copy.Schemas[i])!;
            foreach (var t in copy.Tables)
            {
                t.Schema = Swap(t.Schema)!;
                foreach (var fk in t.ForeignKeys) fk.ReferencedSchema = Swap(fk.ReferencedSchema);
                if (t.Definition != null) t.Definition = t.Definition.Replace("`" + db + "`.", "`" + Placeholder + "`.");
            }
            foreach (var e in copy.Enums) e.Schema = Swap(e.Schema)!;
            foreach (var r in copy.Routines) r.Schema = Swap(r.Schema)!;
            return Write(copy, SnapshotFlavor.Committed);
        }
    }
}

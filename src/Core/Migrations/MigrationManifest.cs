using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Json;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Something the schema must show after a migration (or not show).</summary>
    public sealed class Expectation
    {
        /// <summary>table, column, index, foreignKey, check, unique, enumValue.</summary>
        public string What { get; set; } = "";
        public string Schema { get; set; } = "";
        public string Table { get; set; } = "";
        public string? Name { get; set; }
        public bool Present { get; set; } = true;
        public bool? Nullable { get; set; }
        public string? Family { get; set; }
        public string? ReferencedTable { get; set; }

        /// <summary>The change number it belongs to.</summary>
        public int Change { get; set; }

        public string Describe() =>
            (Present ? "" : "no ") + What + " " + ChangeText.Name(Schema, Table) + (Name != null ? (What == "enumValue" ? " '" + Name + "'" : "." + Name) : "") +
            (Nullable == false ? " NOT NULL" : Nullable == true ? " nullable" : "") + (Family != null ? " (" + Family + ")" : "");
    }

    /// <summary>One change as the manifest records it.</summary>
    public sealed class ManifestChange
    {
        public int Number { get; set; }
        public string Kind { get; set; } = "";
        public string Description { get; set; } = "";
        public string Risk { get; set; } = "";
        public List<string> Reasons { get; } = new List<string>();
        public List<string> Fixes { get; } = new List<string>();
        public bool Destructive { get; set; }
    }

    /// <summary>
    /// staged/&lt;stamp&gt;_&lt;name&gt;.manifest.json: what a generated migration is meant to do, so push can
    /// verify it against the re-introspected database and the report can follow findings.
    /// Holds no connection string.
    /// </summary>
    public sealed class MigrationManifest
    {
        public const string FormatName = "schemadrift-migration";

        public string Name { get; set; } = "";
        public string Stamp { get; set; } = "";
        public string Provider { get; set; } = "";
        public string CreatedUtc { get; set; } = "";
        public string SqlChecksum { get; set; } = "";
        public string RollbackChecksum { get; set; } = "";
        public List<ManifestChange> Changes { get; } = new List<ManifestChange>();
        public List<Expectation> Expectations { get; } = new List<Expectation>();
        public List<string> Deferred { get; } = new List<string>();

        public string BaseName => Stamp + "_" + Name;

        public static MigrationManifest From(MigrationPlan plan, MigrationInfo info, string sqlChecksum, string rollbackChecksum)
        {
            var m = new MigrationManifest
            {
                Name = info.Name, Stamp = info.Stamp, Provider = plan.Provider, SqlChecksum = sqlChecksum, RollbackChecksum = rollbackChecksum,
                CreatedUtc = info.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var p in plan.Generated)
            {
                foreach (var c in p.AllChanges)
                {
                    var mc = new ManifestChange { Number = p.Number, Kind = c.Kind.ToString(), Description = c.Describe(), Risk = ChangeText.RiskLabel(c.Risk), Destructive = c.Destructive };
                    mc.Reasons.AddRange(c.Reasons);
                    mc.Fixes.AddRange(c.Fixes);
                    m.Changes.Add(mc);
                    foreach (var e in ExpectationsOf(c, plan.Provider))
                    {
                        e.Change = p.Number;
                        m.Expectations.Add(e);
                    }
                }
            }
            m.Deferred.AddRange(plan.Deferred);
            return m;
        }

        public static IEnumerable<Expectation> ExpectationsOf(SchemaChange c, string provider)
        {
            Expectation E(string what, string? name, bool present = true) => new Expectation { What = what, Schema = c.Schema, Table = c.Table, Name = name, Present = present };
            switch (c.Kind)
            {
                case ChangeKind.CreateTable:
                    yield return E("table", null);
                    foreach (var col in c.TableDefinition!.Columns)
                    {
                        var e = E("column", col.Name);
                        e.Nullable = col.PrimaryKey ? (bool?)null : col.Nullable;
                        yield return e;
                    }
                    break;
                case ChangeKind.DropTable:
                    yield return E("table", null, false);
                    break;
                case ChangeKind.RenameTable:
                    yield return new Expectation { What = "table", Schema = c.Schema, Table = c.NewName!, Present = true };
                    yield return new Expectation { What = "table", Schema = c.Schema, Table = c.OldName!, Present = false };
                    break;
                case ChangeKind.AddColumn:
                    {
                        var e = E("column", c.Column!.Name);
                        e.Nullable = c.Column.Nullable;
                        var family = c.Column.Family.Length > 0 ? c.Column.Family : TypeFamily.Of(provider, c.Column.Type, c.Column.EnumType != null);
                        if (family != TypeFamily.Other && provider != SqlProviders.Sqlite) e.Family = family;
                        yield return e;
                        break;
                    }
                case ChangeKind.DropColumn:
                    yield return E("column", c.OldColumn!.Name, false);
                    break;
                case ChangeKind.RenameColumn:
                    yield return E("column", c.NewName);
                    yield return E("column", c.OldName, false);
                    break;
                case ChangeKind.AlterColumnType:
                    {
                        var e = E("column", c.Column!.Name);
                        var family = TypeChanges.FamilyOf(provider, c.Column);
                        if (family != TypeFamily.Other && provider != SqlProviders.Sqlite) e.Family = family;
                        yield return e;
                        break;
                    }
                case ChangeKind.AlterColumnNullability:
                    {
                        var e = E("column", c.Column!.Name);
                        e.Nullable = c.Column.Nullable;
                        yield return e;
                        break;
                    }
                case ChangeKind.CreateIndex:
                    yield return E("index", c.Index!.Name);
                    break;
                case ChangeKind.DropIndex:
                    yield return E("index", c.Index!.Name, false);
                    break;
                case ChangeKind.AddForeignKey:
                    {
                        var e = E("foreignKey", string.Join(",", c.ForeignKey!.Columns));
                        e.ReferencedTable = c.ForeignKey.ReferencedTable;
                        yield return e;
                        break;
                    }
                case ChangeKind.DropForeignKey:
                    {
                        var e = E("foreignKey", string.Join(",", c.ForeignKey!.Columns), false);
                        e.ReferencedTable = c.ForeignKey.ReferencedTable;
                        yield return e;
                        break;
                    }
                case ChangeKind.AddEnumValue:
                case ChangeKind.RemoveEnumValue:
                    {
                        var e = E("enumValue", c.EnumValue, c.Kind == ChangeKind.AddEnumValue);
                        e.ReferencedTable = c.Column?.Name; // the column, for inline (MySQL) enums
                        yield return e;
                        break;
                    }
            }
        }

        /// <summary>Expectations the schema does not meet (empty: the migration did what it was meant to).</summary>
        public static List<Expectation> Unmet(IEnumerable<Expectation> expectations, SchemaSnapshot s)
        {
            var cols = NameComparer.Columns(s.Provider);
            var objs = NameComparer.Objects(s.Provider);
            var list = new List<Expectation>();
            foreach (var e in expectations)
            {
                bool found;
                var table = SchemaEditor.FindTable(s, e.Schema, e.Table);
                switch (e.What)
                {
                    case "table":
                        found = table != null;
                        break;
                    case "column":
                        {
                            var col = table?.Columns.FirstOrDefault(x => cols.Equals(x.Name, e.Name));
                            found = col != null;
                            if (found && e.Present)
                            {
                                if (e.Nullable != null && col!.Nullable != e.Nullable) found = false;
                                if (e.Family != null && col!.Family != e.Family && !(e.Family == TypeFamily.String && col.Family == TypeFamily.Enum)) found = false;
                            }
                            break;
                        }
                    case "index":
                        found = table?.Indexes.Any(x => objs.Equals(x.Name, e.Name) && x.Valid) == true ||
                                table?.UniqueConstraints.Any(x => objs.Equals(x.Name, e.Name)) == true;
                        break;
                    case "foreignKey":
                        found = table?.ForeignKeys.Any(x => string.Join(",", x.Columns).Equals(e.Name, StringComparison.OrdinalIgnoreCase) &&
                                                            string.Equals(x.ReferencedTable, e.ReferencedTable, StringComparison.OrdinalIgnoreCase) && x.Validated) == true;
                        break;
                    case "enumValue":
                        if (e.ReferencedTable != null)
                        {
                            var col = table?.Columns.FirstOrDefault(x => cols.Equals(x.Name, e.ReferencedTable));
                            found = col?.EnumValues?.Contains(e.Name!) == true;
                        }
                        else
                        {
                            found = s.Enums.Any(x => x.Schema == e.Schema && x.Name == e.Table && x.Values.Contains(e.Name!));
                        }
                        break;
                    default:
                        found = e.Present;
                        break;
                }
                if (found != e.Present) list.Add(e);
            }
            return list;
        }

        public string ToJson()
        {
            var w = new JsonWriter().StartObject();
            w.Name("format").Value(FormatName);
            w.Name("formatVersion").Value(1);
            w.Name("name").Value(Name);
            w.Name("stamp").Value(Stamp);
            w.Name("provider").Value(Provider);
            w.Name("createdUtc").Value(CreatedUtc);
            w.Name("sqlChecksum").Value(SqlChecksum);
            w.Name("rollbackChecksum").Value(RollbackChecksum);
            w.Name("changes").StartArray();
            foreach (var c in Changes)
            {
                w.StartObject();
                w.Name("number").Value(c.Number);
                w.Name("kind").Value(c.Kind);
                w.Name("description").Value(c.Description);
                w.Name("risk").Value(c.Risk);
                w.Flag("destructive", c.Destructive);
                w.StringArray("reasons", c.Reasons);
                w.StringArray("fixes", c.Fixes);
                w.EndObject();
            }
            w.EndArray();
            w.Name("expectations").StartArray();
            foreach (var e in Expectations)
            {
                w.StartObject();
                w.Name("change").Value(e.Change);
                w.Name("what").Value(e.What);
                w.Name("schema").Value(e.Schema);
                w.Name("table").Value(e.Table);
                w.Optional("name", e.Name);
                w.Name("present").Value(e.Present);
                w.Optional("nullable", e.Nullable);
                w.Optional("family", e.Family);
                w.Optional("referencedTable", e.ReferencedTable);
                w.EndObject();
            }
            w.EndArray();
            w.StringArray("deferred", Deferred);
            w.EndObject();
            return w.ToString();
        }

        public static MigrationManifest? Parse(string json)
        {
            if (!JsonParser.TryParse(json, out var root, out _) || root == null || root.GetString("format") != FormatName) return null;
            var m = new MigrationManifest
            {
                Name = root.GetString("name") ?? "",
                Stamp = root.GetString("stamp") ?? "",
                Provider = root.GetString("provider") ?? "",
                CreatedUtc = root.GetString("createdUtc") ?? "",
                SqlChecksum = root.GetString("sqlChecksum") ?? "",
                RollbackChecksum = root.GetString("rollbackChecksum") ?? "",
            };
            foreach (var c in root.GetArray("changes"))
            {
                var mc = new ManifestChange
                {
                    Number = c.GetInt("number") ?? 0,
                    Kind = c.GetString("kind") ?? "",
                    Description = c.GetString("description") ?? "",
                    Risk = c.GetString("risk") ?? "",
                    Destructive = c.GetBool("destructive") ?? false,
                };
                mc.Reasons.AddRange(c.GetStringArray("reasons"));
                mc.Fixes.AddRange(c.GetStringArray("fixes"));
                m.Changes.Add(mc);
            }
            foreach (var e in root.GetArray("expectations"))
            {
                m.Expectations.Add(new Expectation
                {
                    Change = e.GetInt("change") ?? 0,
                    What = e.GetString("what") ?? "",
                    Schema = e.GetString("schema") ?? "",
                    Table = e.GetString("table") ?? "",
                    Name = e.GetString("name"),
                    Present = e.GetBool("present") ?? true,
                    Nullable = e.GetBool("nullable"),
                    Family = e.GetString("family"),
                    ReferencedTable = e.GetString("referencedTable"),
                });
            }
            m.Deferred.AddRange(root.GetStringArray("deferred"));
            return m;
        }
    }
}

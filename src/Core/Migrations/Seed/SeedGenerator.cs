using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Core.Migrations.Seed
{
    public sealed class SeedOptions
    {
        /// <summary>Rows per table.</summary>
        public int Rows { get; set; } = 5;

        /// <summary>Tags generated text so seed rows are recognisable and do not collide with real ones.</summary>
        public string Tag { get; set; } = DateTime.UtcNow.ToString("MMddHHmm", CultureInfo.InvariantCulture);

        /// <summary>Only these tables (empty: every table).</summary>
        public List<string> Tables { get; } = new List<string>();
    }

    public sealed class SeedResult
    {
        public List<string> Statements { get; } = new List<string>();
        public List<string> Cleanup { get; } = new List<string>();
        public Dictionary<string, int> RowsPerTable { get; } = new Dictionary<string, int>(StringComparer.Ordinal);
        public List<string> Notes { get; } = new List<string>();
        public List<string> Skipped { get; } = new List<string>();
    }

    /// <summary>
    /// Development seed data that respects the schema: tables in foreign-key order (parents
    /// first, children pointing at seeded parents), values by column type and length, enum
    /// labels, unique columns made unique by row, simple CHECK constraints (comparisons,
    /// IN lists, lengths) honoured. Keys start above the existing maximum so real rows are
    /// untouched, and a cleanup script deletes exactly the seeded rows again.
    /// </summary>
    public static class SeedGenerator
    {
        /// <param name="maxKey">The current maximum of an integer key column (null: empty table or unknown).</param>
        public static SeedResult Generate(SchemaSnapshot s, SeedOptions o, Func<TableInfo, string, long?> maxKey)
        {
            var d = MigrationDialect.For(s.Provider);
            var result = new SeedResult();
            var tables = SchemaDiffer.BaseTables(s).Where(t => o.Tables.Count == 0 || o.Tables.Contains(t.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            var order = SchemaDiffer.OrderForCreation(tables, NameComparer.Tables(s));
            var seeded = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
            var cols = NameComparer.Columns(s.Provider);

            foreach (var t in order)
            {
                var rows = o.Rows;
                var problem = (string?)null;
                var values = new List<Dictionary<string, string>>();
                var unique = UniqueColumns(t);
                var checks = t.Checks.Select(c => CheckRule.Parse(c.Expression)).ToList();
                foreach (var ck in t.Checks.Where(c => CheckRule.Parse(c.Expression) == null && !c.Expression.StartsWith("json_valid(", StringComparison.OrdinalIgnoreCase)))
                {
                    result.Notes.Add(t.Name + ": CHECK (" + ck.Expression + ") is not understood by the generator; applying the seed tells whether the rows satisfy it.");
                }
                // Enum/bool columns that must be unique limit the row count.
                foreach (var c in t.Columns.Where(c => unique.Contains(c.Name)))
                {
                    var labels = Labels(s, c);
                    if (labels != null) rows = Math.Min(rows, labels.Count);
                    if (TypeChanges.FamilyOf(s.Provider, c) == TypeFamily.Bool) rows = Math.Min(rows, 2);
                }
                var keyStart = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
                foreach (var c in t.Columns.Where(c => IsIntegerKey(s, t, c)))
                {
                    keyStart[c.Name] = (maxKey(t, c.Name) ?? 0) + 1;
                }
                for (var i = 0; i < rows && problem == null; i++)
                {
                    var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var c in t.Columns)
                    {
                        if (c.Generated != null) continue;
                        var fk = t.ForeignKeys.FirstOrDefault(f => f.Columns.Contains(c.Name, cols));
                        if (fk != null)
                        {
                            if (string.Equals(fk.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase))
                            {
                                if (c.Nullable) { row[c.Name] = "NULL"; continue; }
                            }
                            else if (seeded.TryGetValue(fk.ReferencedTable, out var parents) && parents.Count > 0)
                            {
                                var parent = parents[i % parents.Count];
                                var pc = fk.ReferencedColumns[fk.Columns.FindIndex(x => cols.Equals(x, c.Name))];
                                if (parent.TryGetValue(pc, out var pv)) { row[c.Name] = pv; continue; }
                            }
                            if (c.Nullable) { row[c.Name] = "NULL"; continue; }
                            if (!string.Equals(fk.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase))
                            {
                                problem = "its NOT NULL foreign key " + c.Name + " points at " + fk.ReferencedTable + ", which has no seeded rows";
                                break;
                            }
                        }
                        if (keyStart.TryGetValue(c.Name, out var start))
                        {
                            row[c.Name] = (start + i).ToString(CultureInfo.InvariantCulture);
                            continue;
                        }
                        if (c.Identity != null && !c.PrimaryKey) continue;
                        var v = Value(s, d, t, c, i, o.Tag, checks.Where(x => x != null && cols.Equals(x.Column, c.Name)).Select(x => x!).ToList());
                        if (v == null)
                        {
                            if (c.Nullable) { row[c.Name] = "NULL"; continue; }
                            if (c.Default != null) continue;
                            problem = "no value can be generated for " + c.Name + " (" + c.Type + ")";
                            break;
                        }
                        row[c.Name] = v;
                    }
                    // Self-references point at the row itself.
                    foreach (var fk in t.ForeignKeys.Where(f => string.Equals(f.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        for (var k = 0; k < fk.Columns.Count; k++)
                        {
                            if (!row.ContainsKey(fk.Columns[k]) && row.TryGetValue(fk.ReferencedColumns[k], out var self)) row[fk.Columns[k]] = self;
                        }
                    }
                    if (problem == null) values.Add(row);
                }
                if (problem != null || values.Count == 0)
                {
                    result.Skipped.Add(t.Name + ": " + (problem ?? "no rows"));
                    continue;
                }
                seeded[t.Name] = values;
                result.RowsPerTable[t.Name] = values.Count;
                var columns = t.Columns.Where(c => values[0].ContainsKey(c.Name)).Select(c => c.Name).ToList();
                var overriding = s.Provider == SqlProviders.Postgres && t.Columns.Any(c => c.Identity == "always" && columns.Contains(c.Name)) ? " OVERRIDING SYSTEM VALUE" : "";
                var sb = new StringBuilder();
                sb.Append("INSERT INTO ").Append(d.Table(t.Schema, t.Name)).Append(" (").Append(d.ColumnList(columns)).Append(')').Append(overriding).Append(" VALUES\n");
                sb.Append(string.Join(",\n", values.Select(r => "  (" + string.Join(", ", columns.Select(c => r[c])) + ")")));
                result.Statements.Add(sb.ToString());
                if (s.Provider == SqlProviders.Postgres)
                {
                    foreach (var c in t.Columns.Where(c => keyStart.ContainsKey(c.Name) && (c.Identity != null || (c.Default ?? "").StartsWith("nextval(", StringComparison.OrdinalIgnoreCase))))
                    {
                        // Explicit keys do not move the sequence: move it past them so the application's next insert does not collide.
                        result.Statements.Add("SELECT setval(pg_get_serial_sequence(" + d.Literal(d.Table(t.Schema, t.Name)) + ", " + d.Literal(c.Name) + "), (SELECT MAX(" + d.Quote(c.Name) + ") FROM " + d.Table(t.Schema, t.Name) + "))");
                    }
                }
                result.Cleanup.Insert(0, CleanupSql(d, t, values, columns));
            }
            return result;
        }

        private static string CleanupSql(MigrationDialect d, TableInfo t, List<Dictionary<string, string>> rows, List<string> columns)
        {
            var table = d.Table(t.Schema, t.Name);
            var pk = t.PrimaryKey?.Columns.Where(columns.Contains).ToList();
            if (pk != null && pk.Count == t.PrimaryKey!.Columns.Count && pk.Count > 0)
            {
                if (pk.Count == 1) return "DELETE FROM " + table + " WHERE " + d.Quote(pk[0]) + " IN (" + string.Join(", ", rows.Select(r => r[pk[0]])) + ")";
                return "DELETE FROM " + table + " WHERE (" + d.ColumnList(pk) + ") IN (" + string.Join(", ", rows.Select(r => "(" + string.Join(", ", pk.Select(k => r[k])) + ")")) + ")";
            }
            return "DELETE FROM " + table + " WHERE " + string.Join("\n   OR ", rows.Select(r => "(" + string.Join(" AND ", columns.Select(c => r[c] == "NULL" ? d.Quote(c) + " IS NULL" : d.Quote(c) + " = " + r[c])) + ")"));
        }

        private static HashSet<string> UniqueColumns(TableInfo t)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (t.PrimaryKey?.Columns.Count == 1) set.Add(t.PrimaryKey.Columns[0]);
            foreach (var u in t.UniqueConstraints.Where(u => u.Columns.Count == 1)) set.Add(u.Columns[0]);
            foreach (var ix in t.Indexes.Where(i => i.Unique && i.Columns.Count == 1 && i.Columns[0].Name != null && i.Predicate == null)) set.Add(ix.Columns[0].Name!);
            return set;
        }

        private static bool IsIntegerKey(SchemaSnapshot s, TableInfo t, ColumnInfo c)
        {
            if (t.PrimaryKey == null || t.PrimaryKey.Columns.Count != 1 || !string.Equals(t.PrimaryKey.Columns[0], c.Name, StringComparison.OrdinalIgnoreCase)) return false;
            var f = TypeChanges.FamilyOf(s.Provider, c);
            return f == TypeFamily.Int16 || f == TypeFamily.Int32 || f == TypeFamily.Int64 || (s.Provider == SqlProviders.Sqlite && c.Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase));
        }

        private static IList<string>? Labels(SchemaSnapshot s, ColumnInfo c)
        {
            if (c.EnumValues != null && c.EnumValues.Count > 0) return c.EnumValues;
            if (c.EnumType == null) return null;
            var (schema, name) = PostgresDialect.SplitEnum(c.EnumType, s.DefaultSchema);
            return s.Enums.FirstOrDefault(e => e.Schema == schema && e.Name == name)?.Values;
        }

        private static string? Value(SchemaSnapshot s, MigrationDialect d, TableInfo t, ColumnInfo c, int i, string tag, List<CheckRule> rules)
        {
            var n = i + 1;
            var inList = rules.FirstOrDefault(r => r.In != null);
            if (inList != null) return d.Literal(inList.In![i % inList.In.Count]);
            var labels = Labels(s, c);
            if (labels != null && labels.Count > 0)
            {
                var label = labels[i % labels.Count];
                return TypeChanges.FamilyOf(s.Provider, c) == TypeFamily.Set ? d.Literal(labels[0]) : d.Literal(label);
            }
            var family = TypeChanges.FamilyOf(s.Provider, c);
            switch (family)
            {
                case TypeFamily.Bool:
                    return s.Provider == SqlProviders.Postgres ? (i % 2 == 0 ? "true" : "false") : (i % 2 == 0 ? "1" : "0");
                case TypeFamily.Int8:
                case TypeFamily.Int16:
                case TypeFamily.Int32:
                case TypeFamily.Int64:
                    {
                        long v = family == TypeFamily.Int8 ? n % 100 : n * 10;
                        return Numeric(v, rules).ToString(CultureInfo.InvariantCulture);
                    }
                case TypeFamily.Decimal:
                    {
                        var scale = c.Scale ?? 2;
                        var intDigits = c.Precision is int p ? Math.Max(1, p - scale) : 6;
                        var whole = Numeric(n * 10, rules) % (long)Math.Pow(10, Math.Min(intDigits, 9));
                        return scale > 0 ? whole.ToString(CultureInfo.InvariantCulture) + "." + "5".PadRight(scale, '0').Substring(0, scale) : whole.ToString(CultureInfo.InvariantCulture);
                    }
                case TypeFamily.Float32:
                case TypeFamily.Float64:
                    return (Numeric(n, rules) + 0.5).ToString("0.0", CultureInfo.InvariantCulture);
                case TypeFamily.String:
                    {
                        var max = TypeChanges.Length(c) ?? 200;
                        var minLen = rules.Where(r => r.MinLength != null).Select(r => r.MinLength!.Value).DefaultIfEmpty(0).Max();
                        string text;
                        if (c.Name.IndexOf("email", StringComparison.OrdinalIgnoreCase) >= 0) text = "seed" + n.ToString(CultureInfo.InvariantCulture) + "." + tag + "@example.com";
                        else text = c.Name + " seed " + tag + " " + n.ToString(CultureInfo.InvariantCulture);
                        if (text.Length > max)
                        {
                            var suffix = ToBase36(n) + tag.Substring(Math.Max(0, tag.Length - 2));
                            text = suffix.Length <= max ? suffix : ToBase36(n);
                            if (text.Length > max) return null;
                        }
                        while (text.Length < minLen) text += "x";
                        return d.Literal(text);
                    }
                case TypeFamily.Guid:
                    return d.Literal("5eed" + TagNumber(tag).ToString("x4", CultureInfo.InvariantCulture) + "-0000-4000-8000-" + n.ToString("x12", CultureInfo.InvariantCulture));
                case TypeFamily.Date:
                    return d.Literal("2024-01-" + (1 + i % 28).ToString("00", CultureInfo.InvariantCulture));
                case TypeFamily.Time:
                    return d.Literal((8 + i % 12).ToString("00", CultureInfo.InvariantCulture) + ":00:00");
                case TypeFamily.DateTime:
                    return d.Literal("2024-01-" + (1 + i % 28).ToString("00", CultureInfo.InvariantCulture) + " 10:00:00");
                case TypeFamily.DateTimeOffset:
                    return d.Literal("2024-01-" + (1 + i % 28).ToString("00", CultureInfo.InvariantCulture) + " 10:00:00" + (s.Provider == SqlProviders.Postgres ? "+00" : ""));
                case TypeFamily.Json:
                    return d.Literal("{\"seed\": " + n.ToString(CultureInfo.InvariantCulture) + "}");
                case TypeFamily.Binary:
                    return s.Provider == SqlProviders.Postgres ? "'\\x5eed'::bytea" : "X'5EED'";
                case TypeFamily.Interval:
                    return s.Provider == SqlProviders.Postgres ? "'" + n.ToString(CultureInfo.InvariantCulture) + " days'" : null;
                case TypeFamily.Array:
                    return s.Provider == SqlProviders.Postgres ? "'{}'" : null;
                case TypeFamily.Xml:
                    return d.Literal("<seed n=\"" + n.ToString(CultureInfo.InvariantCulture) + "\"/>");
                default:
                    if (s.Provider == SqlProviders.Sqlite) return d.Literal(c.Name + " " + n.ToString(CultureInfo.InvariantCulture));
                    return null;
            }
        }

        private static int TagNumber(string tag)
        {
            var h = 17;
            foreach (var ch in tag) h = unchecked(h * 31 + ch);
            return h & 0xffff;
        }

        private static long Numeric(long v, List<CheckRule> rules)
        {
            foreach (var r in rules)
            {
                if (r.Min != null && v < r.Min) v = (long)Math.Ceiling(r.Min.Value) + v % 10;
                if (r.Max != null && v > r.Max) v = (long)Math.Floor(r.Max.Value);
            }
            return v;
        }

        private static string ToBase36(long n)
        {
            const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
            var sb = new StringBuilder();
            do { sb.Insert(0, digits[(int)(n % 36)]); n /= 36; } while (n > 0);
            return sb.ToString();
        }

        /// <summary>The CHECK shapes the generator understands: col op number, col IN (…), length(col) op number.</summary>
        private sealed class CheckRule
        {
            public string Column { get; set; } = "";
            public double? Min { get; set; }
            public double? Max { get; set; }
            public int? MinLength { get; set; }
            public List<string>? In { get; set; }

            private static readonly Regex Compare = new Regex(@"^\(*\s*[""`\[]?(?<c>[^\s""`\]()]+)[""`\]]?\s*(?<op>>=|>|<=|<|<>|!=)\s*\(?(?<n>-?\d+(\.\d+)?)\)?(::\w+)?\s*\)*$", RegexOptions.CultureInvariant);
            private static readonly Regex InList = new Regex(@"^\(*\s*[""`\[]?(?<c>[^\s""`\]()]+)[""`\]]?(::\w+)?\s+IN\s*\((?<l>.*)\)\s*\)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            private static readonly Regex Length = new Regex(@"^\(*\s*(length|char_length|len)\(\s*[""`\[]?(?<c>[^\s""`\]()]+)[""`\]]?\s*\)\s*(?<op>>=|>)\s*(?<n>\d+)\s*\)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            private static readonly Regex AnyArray = new Regex(@"^\(*\s*\(?(?<c>[^\s""()]+)\)?(::\w+)?\s*=\s*ANY\s*\(\s*\(?ARRAY\[(?<l>.*)\]\)?(::[\w\[\] ]+)?\s*\)\s*\)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

            public static CheckRule? Parse(string expression)
            {
                var e = expression.Trim();
                var m = Compare.Match(e);
                if (m.Success)
                {
                    var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                    var r = new CheckRule { Column = m.Groups["c"].Value };
                    switch (m.Groups["op"].Value)
                    {
                        case ">": r.Min = Math.Floor(n) + 1; break;
                        case ">=": r.Min = n; break;
                        case "<": r.Max = Math.Ceiling(n) - 1; break;
                        case "<=": r.Max = n; break;
                        default: r.Min = n + 1; break;
                    }
                    return r;
                }
                m = InList.Match(e);
                if (!m.Success) m = AnyArray.Match(e);
                if (m.Success)
                {
                    var labels = Regex.Matches(m.Groups["l"].Value, @"'((?:[^']|'')*)'").Cast<Match>().Select(x => x.Groups[1].Value.Replace("''", "'")).ToList();
                    return labels.Count == 0 ? null : new CheckRule { Column = m.Groups["c"].Value, In = labels };
                }
                m = Length.Match(e);
                if (m.Success)
                {
                    var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                    return new CheckRule { Column = m.Groups["c"].Value, MinLength = m.Groups["op"].Value == ">" ? n + 1 : n };
                }
                return null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Core.Migrations.Lint
{
    public enum DdlKind
    {
        Other,
        CreateTable,
        DropTable,
        AlterTable,
        RenameTable,
        CreateIndex,
        DropIndex,
        CreateType,
        AlterType,
        DropType,
        Update,
        Delete,
        Truncate,
    }

    public enum AlterAction
    {
        Other,
        AddColumn,
        DropColumn,
        RenameColumn,
        RenameTable,
        AlterColumnType,
        SetNotNull,
        DropNotNull,
        SetDefault,
        DropDefault,
        ModifyColumn,
        AddForeignKey,
        AddCheck,
        AddUnique,
        AddPrimaryKey,
        AddIndex,
        ValidateConstraint,
        DropConstraint,
        DropForeignKey,
        DropIndex,
        DropPrimaryKey,
        AddEnumValue,
        RenameEnumValue,
        RenameType,
    }

    /// <summary>One action of an ALTER TABLE / ALTER TYPE.</summary>
    public sealed class DdlAction
    {
        public AlterAction Kind { get; set; }

        /// <summary>The column (or constraint, index, label) the action names.</summary>
        public string? Name { get; set; }

        /// <summary>ADD COLUMN / MODIFY: NOT NULL present; ADD CONSTRAINT: NOT VALID present.</summary>
        public bool NotNull { get; set; }
        public bool HasDefault { get; set; }
        public bool NotValid { get; set; }

        /// <summary>MODIFY/CHANGE COLUMN with ENUM(…)/SET(…): the labels.</summary>
        public List<string>? EnumLabels { get; set; }

        /// <summary>ADD VALUE … BEFORE/AFTER (inserts in the middle).</summary>
        public bool Positioned { get; set; }

        public string? NewName { get; set; }
    }

    /// <summary>What a DDL statement does, as far as migration lint cares (a small classifier, not a parser).</summary>
    public sealed class DdlStatement
    {
        public DdlKind Kind { get; set; }
        public string? Schema { get; set; }
        public string? Name { get; set; }
        public bool Concurrently { get; set; }
        public bool Unique { get; set; }
        public bool IfExists { get; set; }

        /// <summary>CREATE TYPE … AS ENUM: the labels.</summary>
        public List<string>? EnumLabels { get; set; }
        public List<DdlAction> Actions { get; } = new List<DdlAction>();

        /// <summary>CREATE INDEX … ON table.</summary>
        public string? OnTable { get; set; }

        public static DdlStatement Classify(IList<SqlToken> t)
        {
            var s = new DdlStatement();
            if (t.Count == 0) return s;
            var i = 0;
            bool Word(string w) => i < t.Count && t[i].IsWord(w);
            bool Take(string w)
            {
                if (!Word(w)) return false;
                i++;
                return true;
            }
            if (Take("CREATE"))
            {
                Take("OR");
                Take("REPLACE");
                Take("TEMP");
                Take("TEMPORARY");
                if (Take("TABLE"))
                {
                    s.Kind = DdlKind.CreateTable;
                    if (Take("IF")) { Take("NOT"); Take("EXISTS"); }
                    ReadName(t, ref i, s);
                }
                else if (Word("UNIQUE") || Word("INDEX") || Word("FULLTEXT") || Word("SPATIAL"))
                {
                    s.Unique = Take("UNIQUE");
                    Take("FULLTEXT");
                    Take("SPATIAL");
                    if (!Take("INDEX")) return s;
                    s.Kind = DdlKind.CreateIndex;
                    s.Concurrently = Take("CONCURRENTLY");
                    if (Take("IF")) { Take("NOT"); Take("EXISTS"); }
                    if (!Word("ON")) ReadName(t, ref i, s);
                    if (Take("ON"))
                    {
                        Take("ONLY");
                        var on = new DdlStatement();
                        ReadName(t, ref i, on);
                        s.OnTable = on.Name;
                        s.Schema ??= on.Schema;
                    }
                }
                else if (Take("TYPE"))
                {
                    s.Kind = DdlKind.CreateType;
                    ReadName(t, ref i, s);
                    if (Take("AS") && Take("ENUM")) s.EnumLabels = Labels(t, i);
                }
                return s;
            }
            if (Take("DROP"))
            {
                if (Take("TABLE")) s.Kind = DdlKind.DropTable;
                else if (Take("INDEX")) s.Kind = DdlKind.DropIndex;
                else if (Take("TYPE")) s.Kind = DdlKind.DropType;
                else return s;
                s.Concurrently = Take("CONCURRENTLY");
                if (Take("IF")) { Take("EXISTS"); s.IfExists = true; }
                ReadName(t, ref i, s);
                return s;
            }
            if (Take("RENAME"))
            {
                if (Take("TABLE"))
                {
                    s.Kind = DdlKind.RenameTable;
                    ReadName(t, ref i, s);
                }
                return s;
            }
            if (Take("UPDATE")) { s.Kind = DdlKind.Update; ReadName(t, ref i, s); return s; }
            if (Take("DELETE")) { s.Kind = DdlKind.Delete; Take("FROM"); ReadName(t, ref i, s); return s; }
            if (Take("TRUNCATE")) { s.Kind = DdlKind.Truncate; Take("TABLE"); ReadName(t, ref i, s); return s; }
            if (Take("ALTER"))
            {
                if (Take("TYPE"))
                {
                    s.Kind = DdlKind.AlterType;
                    ReadName(t, ref i, s);
                    var a = new DdlAction();
                    if (Take("ADD") && Take("VALUE"))
                    {
                        a.Kind = AlterAction.AddEnumValue;
                        if (Take("IF")) { Take("NOT"); Take("EXISTS"); }
                        if (i < t.Count && t[i].Kind == SqlTokenKind.String) a.Name = t[i++].Value;
                        a.Positioned = Word("BEFORE") || Word("AFTER");
                    }
                    else if (Take("RENAME"))
                    {
                        if (Take("VALUE")) a.Kind = AlterAction.RenameEnumValue;
                        else if (Take("TO")) { a.Kind = AlterAction.RenameType; if (i < t.Count) a.NewName = t[i].Value; }
                    }
                    s.Actions.Add(a);
                    return s;
                }
                if (!Take("TABLE")) return s;
                s.Kind = DdlKind.AlterTable;
                Take("ONLY");
                if (Take("IF")) Take("EXISTS");
                ReadName(t, ref i, s);
                foreach (var part in SplitTopLevel(t, i)) s.Actions.Add(ClassifyAction(part));
                return s;
            }
            return s;
        }

        private static void ReadName(IList<SqlToken> t, ref int i, DdlStatement s)
        {
            if (i >= t.Count || !t[i].IsIdentifier) return;
            var name = t[i++].Value;
            if (i + 1 < t.Count && t[i].Kind == SqlTokenKind.Dot && t[i + 1].IsIdentifier)
            {
                s.Schema = name;
                name = t[i + 1].Value;
                i += 2;
            }
            s.Name = name;
        }

        private static List<string> Labels(IList<SqlToken> t, int i)
        {
            var list = new List<string>();
            for (; i < t.Count && t[i].Kind != SqlTokenKind.RightParen; i++)
            {
                if (t[i].Kind == SqlTokenKind.String) list.Add(t[i].Value);
            }
            return list;
        }

        private static List<List<SqlToken>> SplitTopLevel(IList<SqlToken> t, int from)
        {
            var parts = new List<List<SqlToken>>();
            var cur = new List<SqlToken>();
            var depth = 0;
            for (var i = from; i < t.Count; i++)
            {
                var k = t[i].Kind;
                if (k == SqlTokenKind.End || k == SqlTokenKind.Semicolon) break;
                if (k == SqlTokenKind.LeftParen) depth++;
                if (k == SqlTokenKind.RightParen) depth--;
                if (k == SqlTokenKind.Comma && depth == 0)
                {
                    parts.Add(cur);
                    cur = new List<SqlToken>();
                    continue;
                }
                cur.Add(t[i]);
            }
            if (cur.Count > 0) parts.Add(cur);
            return parts;
        }

        private static bool Has(List<SqlToken> p, string word) => p.Any(x => x.IsWord(word));

        private static bool HasSequence(List<SqlToken> p, params string[] words)
        {
            for (var i = 0; i + words.Length <= p.Count; i++)
            {
                var ok = true;
                for (var j = 0; j < words.Length && ok; j++) ok = p[i + j].IsWord(words[j]);
                if (ok) return true;
            }
            return false;
        }

        private static DdlAction ClassifyAction(List<SqlToken> p)
        {
            var a = new DdlAction();
            if (p.Count == 0) return a;
            var i = 0;
            bool Take(string w)
            {
                if (i < p.Count && p[i].IsWord(w)) { i++; return true; }
                return false;
            }
            string? NextName() => i < p.Count && p[i].IsIdentifier ? p[i++].Value : null;

            if (Take("ADD"))
            {
                if (Take("CONSTRAINT")) NextName();
                a.NotValid = HasSequence(p, "NOT", "VALID");
                if (Take("FOREIGN") || (i < p.Count && p[i].IsWord("REFERENCES"))) { a.Kind = AlterAction.AddForeignKey; return a; }
                if (Take("CHECK")) { a.Kind = AlterAction.AddCheck; return a; }
                if (Take("UNIQUE")) { a.Kind = AlterAction.AddUnique; return a; }
                if (Take("PRIMARY")) { a.Kind = AlterAction.AddPrimaryKey; return a; }
                if (Take("INDEX") || Take("KEY") || Take("FULLTEXT") || Take("SPATIAL")) { a.Kind = AlterAction.AddIndex; return a; }
                Take("COLUMN");
                if (Take("IF")) { Take("NOT"); Take("EXISTS"); }
                a.Kind = AlterAction.AddColumn;
                a.Name = NextName();
                a.NotNull = HasSequence(p, "NOT", "NULL");
                a.HasDefault = Has(p, "DEFAULT") || Has(p, "IDENTITY") || Has(p, "AUTO_INCREMENT") || HasSequence(p, "GENERATED", "ALWAYS") || Has(p, "SERIAL") || Has(p, "BIGSERIAL");
                if (Has(p, "REFERENCES")) a.NotValid = false;
                return a;
            }
            if (Take("DROP"))
            {
                if (Take("CONSTRAINT")) { if (Take("IF")) Take("EXISTS"); a.Kind = AlterAction.DropConstraint; a.Name = NextName(); return a; }
                if (Take("FOREIGN")) { Take("KEY"); a.Kind = AlterAction.DropForeignKey; a.Name = NextName(); return a; }
                if (Take("PRIMARY")) { a.Kind = AlterAction.DropPrimaryKey; return a; }
                if (Take("INDEX") || Take("KEY")) { a.Kind = AlterAction.DropIndex; a.Name = NextName(); return a; }
                if (Take("CHECK")) { a.Kind = AlterAction.DropConstraint; a.Name = NextName(); return a; }
                Take("COLUMN");
                if (Take("IF")) Take("EXISTS");
                a.Kind = AlterAction.DropColumn;
                a.Name = NextName();
                return a;
            }
            if (Take("RENAME"))
            {
                if (Take("TO") || Take("AS")) { a.Kind = AlterAction.RenameTable; a.NewName = NextName(); return a; }
                if (Take("CONSTRAINT") || Take("INDEX") || Take("KEY")) { a.Kind = AlterAction.Other; return a; }
                Take("COLUMN");
                a.Kind = AlterAction.RenameColumn;
                a.Name = NextName();
                Take("TO");
                a.NewName = NextName();
                return a;
            }
            if (Take("VALIDATE")) { Take("CONSTRAINT"); a.Kind = AlterAction.ValidateConstraint; a.Name = NextName(); return a; }
            if (Take("MODIFY") || Take("CHANGE"))
            {
                var change = p[0].IsWord("CHANGE");
                Take("COLUMN");
                a.Kind = AlterAction.ModifyColumn;
                a.Name = NextName();
                if (change) a.NewName = NextName();
                a.NotNull = HasSequence(p, "NOT", "NULL");
                a.HasDefault = Has(p, "DEFAULT");
                if (i < p.Count && (p[i].IsWord("ENUM") || p[i].IsWord("SET")))
                {
                    a.EnumLabels = new List<string>();
                    for (var j = i + 1; j < p.Count && p[j].Kind != SqlTokenKind.RightParen; j++) if (p[j].Kind == SqlTokenKind.String) a.EnumLabels.Add(p[j].Value);
                }
                return a;
            }
            if (Take("ALTER"))
            {
                Take("COLUMN");
                a.Name = NextName();
                if (Take("TYPE") || (Take("SET") && Take("DATA") && Take("TYPE"))) { a.Kind = AlterAction.AlterColumnType; return a; }
                i = 0;
                if (HasSequence(p, "SET", "NOT", "NULL")) a.Kind = AlterAction.SetNotNull;
                else if (HasSequence(p, "DROP", "NOT", "NULL")) a.Kind = AlterAction.DropNotNull;
                else if (HasSequence(p, "SET", "DEFAULT")) a.Kind = AlterAction.SetDefault;
                else if (HasSequence(p, "DROP", "DEFAULT")) a.Kind = AlterAction.DropDefault;
                else if (Has(p, "TYPE")) a.Kind = AlterAction.AlterColumnType;
                return a;
            }
            return a;
        }
    }
}

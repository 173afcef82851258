using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>One statement of a migration file, with the `-- schemadrift:` annotations above it.</summary>
    public sealed class ScriptStatement
    {
        public string Sql { get; set; } = "";

        /// <summary>1-based line of the statement's first token.</summary>
        public int Line { get; set; }

        /// <summary>The statement's tokens (comments excluded).</summary>
        public List<SqlToken> Tokens { get; set; } = new List<SqlToken>();

        /// <summary>`schemadrift:change N` / `schemadrift:undo N`.</summary>
        public int? Change { get; set; }

        public bool NoTransaction { get; set; }
        public bool Session { get; set; }

        /// <summary>"pre" or "post" for validation statements.</summary>
        public string? Check { get; set; }
        public string? CheckMessage { get; set; }
        public string? Destructive { get; set; }

        /// <summary>Lint codes acknowledged by `schemadrift:reviewed CODE reason`.</summary>
        public List<string> Reviewed { get; } = new List<string>();

        public bool IsBegin => Tokens.Count > 0 && (Tokens[0].IsWord("BEGIN") || (Tokens[0].IsWord("START") && Tokens.Count > 1 && Tokens[1].IsWord("TRANSACTION"))) &&
                               !Tokens.Any(t => t.IsWord("ATOMIC"));
        public bool IsCommit => Tokens.Count > 0 && (Tokens[0].IsWord("COMMIT") || Tokens[0].IsWord("END"));
        public bool IsRollback => Tokens.Count > 0 && Tokens[0].IsWord("ROLLBACK") && Tokens.Count == 1;

        public bool IsReviewed(string code) => Reviewed.Any(r => r.StartsWith(code, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Sql;
    }

    /// <summary>A migration or rollback file split into statements (with the engine's own quoting rules).</summary>
    public sealed class MigrationScript
    {
        public string? Provider { get; private set; }
        public string? Name { get; private set; }
        public bool IsRollback { get; private set; }

        /// <summary>The rollback file a migration names, or the migration a rollback reverses.</summary>
        public string? Partner { get; private set; }

        /// <summary>True when the file carries SchemaDrift's header (it was generated, not hand-written).</summary>
        public bool Generated { get; private set; }

        public List<ScriptStatement> Statements { get; } = new List<ScriptStatement>();

        /// <summary>Why the file could not be split safely (then <see cref="Statements"/> is empty).</summary>
        public string? Error { get; private set; }

        public bool HasExplicitTransactions => Statements.Any(s => s.IsBegin);

        public static string Checksum(string text)
        {
            using var sha = SHA256.Create();
            var bytes = Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n"));
            return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", "").ToLowerInvariant();
        }

        public static SqlDialect DialectOf(string provider) => provider switch
        {
            "postgres" => SqlDialect.PostgreSql,
            "mysql" => SqlDialect.MySql,
            _ => SqlDialect.Sqlite,
        };

        public static MigrationScript Parse(string text, string provider)
        {
            var script = new MigrationScript();
            text = text.Replace("\r\n", "\n");
            foreach (var line in text.Split('\n'))
            {
                var t = line.Trim();
                if (t.StartsWith("-- schemadrift:migration ", StringComparison.Ordinal) || t.StartsWith("-- schemadrift:rollback ", StringComparison.Ordinal))
                {
                    script.Generated = true;
                    script.IsRollback = t.StartsWith("-- schemadrift:rollback", StringComparison.Ordinal);
                    foreach (var pair in t.Split(' ').Skip(2))
                    {
                        var eq = pair.IndexOf('=');
                        if (eq <= 0) continue;
                        var key = pair.Substring(0, eq);
                        var value = pair.Substring(eq + 1);
                        if (key == "provider") script.Provider = value;
                        else if (key == "name") script.Name = value;
                        else if (key == "rollback" || key == "reverses") script.Partner = value;
                    }
                }
            }
            var dialect = DialectOf(script.Provider ?? provider);
            if (!SqlLexer.TryTokenize(text, dialect, out var tokens))
            {
                script.Error = "the file cannot be tokenized safely as " + dialect + " SQL (an unterminated quote or comment, or MySQL executable comments /*! */)";
                return script;
            }
            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
            int LineOf(int offset)
            {
                var idx = lineStarts.BinarySearch(offset);
                return (idx >= 0 ? idx : ~idx - 1) + 1;
            }

            var start = 0;      // offset where the current statement's text (with its leading comments) begins
            var first = -1;     // index of its first token
            var depth = 0;      // BEGIN/CASE … END nesting inside trigger and routine bodies
            var body = false;   // the statement is one whose body contains semicolons
            for (var i = 0; i < tokens.Count; i++)
            {
                var tok = tokens[i];
                if (tok.Kind == SqlTokenKind.End)
                {
                    if (first >= 0) script.Add(text, start, first, i, tokens, LineOf);
                    break;
                }
                if (first < 0)
                {
                    if (tok.Kind == SqlTokenKind.Semicolon)
                    {
                        start = tok.End;
                        continue;
                    }
                    first = i;
                    body = HasBody(tokens, i, dialect);
                    depth = 0;
                }
                if (body && tok.Kind == SqlTokenKind.Word)
                {
                    if (tok.IsWord("BEGIN") || tok.IsWord("CASE")) depth++;
                    else if (tok.IsWord("END"))
                    {
                        var next = tokens[i + 1];
                        if (!(next.IsWord("IF") || next.IsWord("LOOP") || next.IsWord("WHILE") || next.IsWord("REPEAT"))) depth--;
                    }
                }
                if (tok.Kind == SqlTokenKind.Semicolon && (!body || depth <= 0))
                {
                    script.Add(text, start, first, i, tokens, LineOf);
                    start = tok.End;
                    first = -1;
                }
            }
            return script;
        }

        /// <summary>CREATE TRIGGER / PROCEDURE / FUNCTION (outside PostgreSQL's dollar quotes) and MariaDB's BEGIN NOT ATOMIC.</summary>
        private static bool HasBody(List<SqlToken> tokens, int i, SqlDialect dialect)
        {
            if (tokens[i].IsWord("BEGIN") && tokens[i + 1].IsWord("NOT")) return true;
            if (!tokens[i].IsWord("CREATE") || dialect == SqlDialect.PostgreSql) return false;
            for (var j = i + 1; j < Math.Min(tokens.Count, i + 8); j++)
            {
                if (tokens[j].IsWord("TRIGGER") || tokens[j].IsWord("PROCEDURE") || tokens[j].IsWord("FUNCTION") || tokens[j].IsWord("EVENT")) return true;
                if (tokens[j].IsWord("TABLE") || tokens[j].IsWord("VIEW") || tokens[j].IsWord("INDEX")) return false;
            }
            return false;
        }

        private void Add(string text, int start, int first, int semicolon, List<SqlToken> tokens, Func<int, int> lineOf)
        {
            var from = tokens[first].Start;
            var to = tokens[semicolon].Kind == SqlTokenKind.End ? text.Length : tokens[semicolon].Start;
            var s = new ScriptStatement
            {
                Sql = text.Substring(from, to - from).Trim(),
                Line = lineOf(from),
                Tokens = tokens.GetRange(first, semicolon - first),
            };
            // Annotations: `-- schemadrift:` comment lines between the previous statement and this one.
            foreach (var raw in text.Substring(start, from - start).Split('\n'))
            {
                var line = raw.Trim();
                if (!line.StartsWith("-- schemadrift:", StringComparison.Ordinal)) continue;
                var rest = line.Substring("-- schemadrift:".Length);
                var sp = rest.IndexOf(' ');
                var key = sp < 0 ? rest : rest.Substring(0, sp);
                var arg = sp < 0 ? "" : rest.Substring(sp + 1).Trim();
                switch (key)
                {
                    case "change":
                    case "undo":
                        if (int.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) s.Change = n;
                        break;
                    case "no-transaction":
                        s.NoTransaction = true;
                        break;
                    case "session":
                        s.Session = true;
                        break;
                    case "check":
                        var sp2 = arg.IndexOf(' ');
                        s.Check = sp2 < 0 ? arg : arg.Substring(0, sp2);
                        s.CheckMessage = sp2 < 0 ? "" : arg.Substring(sp2 + 1);
                        break;
                    case "destructive":
                        s.Destructive = arg;
                        break;
                    case "reviewed":
                        s.Reviewed.Add(arg);
                        break;
                }
            }
            Statements.Add(s);
        }
    }
}

using System.Data.Common;
using System.Globalization;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Tool.Migrations;

internal sealed class RunResult
{
    public bool Success { get; set; }
    public string? Error { get; set; }
    public ScriptStatement? Failed { get; set; }

    /// <summary>True when a check (not a statement) failed.</summary>
    public bool CheckFailed { get; set; }

    /// <summary>Changes (by number) with statements that were committed before the failure: they need undoing.</summary>
    public SortedSet<int> Committed { get; } = new();

    /// <summary>True when statements without a change number were committed (hand-written files).</summary>
    public bool CommittedUnnumbered { get; set; }

    public int Executed { get; set; }
}

/// <summary>
/// Runs a migration (or rollback) file the way its annotations say: pre-checks first (nothing
/// changes if one fails), explicit BEGIN/COMMIT honoured, statements marked no-transaction
/// in autocommit, checks evaluated (PostgreSQL DO blocks raise; elsewhere a SELECT must return 1).
/// A hand-written PostgreSQL or SQLite file without BEGIN runs in one transaction, except
/// statements that cannot (CONCURRENTLY, VACUUM, PRAGMA). MySQL/MariaDB DDL commits
/// implicitly, so there every statement is its own step. On failure the open transaction is
/// rolled back and the result lists which changes were already committed.
/// </summary>
internal static class MigrationRunner
{
    public static async Task<RunResult> RunAsync(MigrationSession s, MigrationScript script, Action<string> log, CancellationToken ct, bool skipPreChecks = false)
    {
        var result = new RunResult();
        var transactional = s.Provider != SqlProviders.MySql;
        var statements = script.Statements;
        if (!skipPreChecks)
        {
            foreach (var st in statements.Where(x => x.Check == "pre"))
            {
                var problem = await EvaluateCheckAsync(s, st, null, ct);
                if (problem != null)
                {
                    result.Error = "pre-migration check failed (line " + st.Line.ToString(CultureInfo.InvariantCulture) + "): " + problem;
                    result.Failed = st;
                    result.CheckFailed = true;
                    return result;
                }
            }
        }

        var implicitTx = transactional && !script.HasExplicitTransactions;
        DbTransaction? tx = null;
        var inTx = new List<ScriptStatement>();
        try
        {
            foreach (var st in statements)
            {
                if (st.Check == "pre") continue;
                if (st.IsBegin)
                {
                    if (transactional && tx == null) tx = await s.Connection.BeginTransactionAsync(ct);
                    continue;
                }
                if (st.IsCommit)
                {
                    if (tx != null) await CommitAsync(tx, inTx, result, ct);
                    tx = null;
                    continue;
                }
                if (st.IsRollback) throw new InvalidOperationException("the file contains ROLLBACK (line " + st.Line.ToString(CultureInfo.InvariantCulture) + ")");
                var outside = st.Session || st.NoTransaction || NeedsAutocommit(st);
                if (implicitTx)
                {
                    if (outside && tx != null)
                    {
                        await CommitAsync(tx, inTx, result, ct);
                        tx = null;
                    }
                    else if (!outside && tx == null)
                    {
                        tx = await s.Connection.BeginTransactionAsync(ct);
                    }
                }
                else if (outside && tx != null)
                {
                    throw new InvalidOperationException("line " + st.Line.ToString(CultureInfo.InvariantCulture) + " cannot run inside the transaction block the file opened");
                }

                result.Failed = st;
                if (st.Check != null)
                {
                    var problem = await EvaluateCheckAsync(s, st, tx, ct);
                    if (problem != null)
                    {
                        result.CheckFailed = true;
                        throw new CheckFailedException("post-migration validation failed (line " + st.Line.ToString(CultureInfo.InvariantCulture) + "): " + problem);
                    }
                }
                else
                {
                    log("line " + st.Line.ToString(CultureInfo.InvariantCulture) + ": " + Summary(st.Sql));
                    await s.ExecuteAsync(st.Sql, tx, ct);
                }
                result.Executed++;
                if (tx != null) inTx.Add(st);
                else Mark(result, st);
            }
            if (tx != null) await CommitAsync(tx, inTx, result, ct);
            tx = null;
            result.Failed = null;
            result.Success = true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result.Error ??= ex is CheckFailedException ? ex.Message : "statement failed (line " + (result.Failed?.Line ?? 0).ToString(CultureInfo.InvariantCulture) + "): " + Describe(ex);
            if (tx != null)
            {
                try
                {
                    await tx.RollbackAsync(CancellationToken.None);
                }
                catch (Exception rex) when (rex is not OutOfMemoryException)
                {
                    result.Error += " (the transaction rollback also failed: " + rex.Message + ")";
                }
                inTx.Clear();
            }
            // A failed statement outside a transaction may have done part of its work (MySQL DDL, CONCURRENTLY).
            if (tx == null && result.Failed != null && result.Failed.Check == null) Mark(result, result.Failed);
        }
        finally
        {
            if (tx != null) await tx.DisposeAsync();
        }
        return result;
    }

    private static async Task CommitAsync(DbTransaction tx, List<ScriptStatement> inTx, RunResult result, CancellationToken ct)
    {
        await tx.CommitAsync(ct);
        await tx.DisposeAsync();
        foreach (var st in inTx) Mark(result, st);
        inTx.Clear();
    }

    private static void Mark(RunResult r, ScriptStatement st)
    {
        if (st.Session || st.Check != null) return;
        if (st.Change is int n && n > 0) r.Committed.Add(n);
        else r.CommittedUnnumbered = true;
    }

    private sealed class CheckFailedException : Exception
    {
        public CheckFailedException(string message) : base(message)
        {
        }
    }

    /// <summary>Statements PostgreSQL refuses inside a transaction block, and SQLite pragmas that are no-ops there.</summary>
    private static bool NeedsAutocommit(ScriptStatement st)
    {
        var t = st.Tokens;
        if (t.Count == 0) return false;
        if (t.Any(x => x.IsWord("CONCURRENTLY"))) return true;
        if (t[0].IsWord("VACUUM") || t[0].IsWord("PRAGMA")) return true;
        if (t[0].IsWord("CREATE") && t.Count > 1 && (t[1].IsWord("DATABASE") || t[1].IsWord("TABLESPACE"))) return true;
        if (t[0].IsWord("ALTER") && t.Count > 1 && t[1].IsWord("SYSTEM")) return true;
        return false;
    }

    /// <summary>Null when the check passed, else what failed.</summary>
    public static async Task<string?> EvaluateCheckAsync(MigrationSession s, ScriptStatement st, DbTransaction? tx, CancellationToken ct)
    {
        try
        {
            if (s.Provider == SqlProviders.Postgres && st.Tokens.Count > 0 && st.Tokens[0].IsWord("DO"))
            {
                await s.ExecuteAsync(st.Sql, tx, ct);
                return null;
            }
            var v = await s.ScalarAsync(st.Sql, tx, ct);
            var ok = v switch
            {
                null => false,
                bool b => b,
                string str => str == "1" || str.Equals("t", StringComparison.OrdinalIgnoreCase) || str.Equals("true", StringComparison.OrdinalIgnoreCase),
                _ => Convert.ToInt64(v, CultureInfo.InvariantCulture) == 1,
            };
            return ok ? null : (st.CheckMessage is { Length: > 0 } m ? m : "the check returned " + Convert.ToString(v, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            var what = Describe(ex);
            return st.CheckMessage is { Length: > 0 } m && !what.Contains(m, StringComparison.Ordinal) ? m + " (" + what + ")" : what;
        }
    }

    /// <summary>The engine's message (PostgreSQL: the RAISE text), without driver noise.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        Npgsql.PostgresException pg => pg.MessageText + (pg.SqlState.Length > 0 ? " (" + pg.SqlState + ")" : ""),
        MySqlConnector.MySqlException my => my.Message + " (error " + ((int)my.ErrorCode).ToString(CultureInfo.InvariantCulture) + ")",
        Microsoft.Data.Sqlite.SqliteException lite => lite.Message,
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    public static string Summary(string sql)
    {
        var one = string.Join(" ", sql.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));
        return one.Length > 100 ? one.Substring(0, 97) + "..." : one;
    }

    /// <summary>
    /// Undoes the committed part of a failed migration with the matching steps of its rollback
    /// file (statements tagged `schemadrift:undo N`; all of them for a hand-written file), each
    /// on its own so one failure does not stop the rest. Returns the problems met.
    /// </summary>
    public static async Task<List<string>> UndoAsync(MigrationSession s, MigrationScript rollback, RunResult failed, Action<string> log, CancellationToken ct)
    {
        var problems = new List<string>();
        var numbered = rollback.Statements.Any(x => x.Change != null);
        foreach (var st in rollback.Statements)
        {
            if (st.IsBegin || st.IsCommit || st.Check != null) continue;
            if (!st.Session && numbered && !(st.Change is int n && failed.Committed.Contains(n))) continue;
            if (!st.Session && !numbered && !failed.CommittedUnnumbered && failed.Committed.Count == 0) continue;
            try
            {
                log("undo line " + st.Line.ToString(CultureInfo.InvariantCulture) + ": " + Summary(st.Sql));
                await s.ExecuteAsync(st.Sql, null, ct);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                problems.Add("line " + st.Line.ToString(CultureInfo.InvariantCulture) + ": " + Describe(ex));
            }
        }
        return problems;
    }
}

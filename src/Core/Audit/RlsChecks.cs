using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Audit
{
    /// <summary>
    /// DBRLS001–009 (PostgreSQL row-level security). A table counts as exposed when it lives in
    /// an exposed schema (<see cref="AuditOptions.ExposedSchemas"/>, default "public") and the
    /// database is reachable by API roles: PostgREST/Supabase roles exist, or the database uses
    /// RLS somewhere (so the team relies on it), or the user named the exposed schemas. A plain
    /// application database that never uses RLS gets no DBRLS001 for every table.
    /// </summary>
    internal static class RlsChecks
    {
        private static readonly string[] Commands = { "SELECT", "INSERT", "UPDATE", "DELETE" };

        /// <summary>Roles that bypass RLS or administer the database: policies for them only are not judged as permissive.</summary>
        private static readonly HashSet<string> AdminRoles = new HashSet<string>(StringComparer.Ordinal)
        {
            "service_role", "postgres", "supabase_admin",
        };

        public static void Run(AuditScope s)
        {
            if (!s.IsPostgres) return;
            var usesRls = s.Snapshot.Tables.Any(t => t.RlsEnabled == true || t.Policies.Count > 0);
            var exposedByApi = s.Facts.ApiRoles || usesRls || s.Options.ExposedSchemasConfigured;
            foreach (var t in s.Tables)
            {
                if (t.RlsEnabled == null) continue;
                if (t.RlsEnabled == false)
                {
                    Disabled(s, t, exposedByApi);
                    continue;
                }
                if (t.Policies.Count == 0)
                {
                    s.Add(s.OnTable(AuditRules.RlsNoPolicies, t,
                        "Row-level security is enabled but the table has no policy: every role except the owner and BYPASSRLS roles sees no rows.",
                        "Add policies for the roles that need access, or disable RLS if only the owner uses the table."));
                    continue;
                }
                foreach (var p in t.Policies)
                {
                    Permissive(s, t, p);
                    PerRow(s, t, p);
                    Ownership(s, t, p);
                }
                Coverage(s, t);
                Conflicts(s, t);
            }
        }

        private static void Disabled(AuditScope s, TableInfo t, bool exposedByApi)
        {
            var table = s.QuoteTable(t);
            if (t.Policies.Count > 0)
            {
                s.Add(s.OnTable(AuditRules.RlsDisabled, t,
                    "Table has " + t.Policies.Count.ToString(CultureInfo.InvariantCulture) + " polic" + (t.Policies.Count == 1 ? "y" : "ies") +
                    " (" + string.Join(", ", t.Policies.Select(p => p.Name)) + ") but row-level security is disabled: none of them is enforced.",
                    "Enable it: ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY.").WithSql("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY"));
                return;
            }
            if (!exposedByApi || !s.Options.IsExposed(t.Schema)) return;
            s.Add(s.OnTable(AuditRules.RlsDisabled, t,
                "Row-level security is disabled on a table in the exposed schema '" + t.Schema + "': every role with table privileges reads and writes every row.",
                "Enable RLS and add policies (ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY), or move the table to a schema the API does not expose.").WithSql("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY"));
        }

        private static bool AdminOnly(PolicyInfo p) => p.Roles.Count > 0 && p.Roles.All(AdminRoles.Contains);

        private static void Permissive(AuditScope s, TableInfo t, PolicyInfo p)
        {
            if (!p.Permissive || AdminOnly(p)) return;
            var writes = p.Command == "ALL" || p.Command == "UPDATE" || p.Command == "DELETE";
            var usingTrue = writes && PolicyExpressions.IsTrue(p.Using);
            var checkTrue = (p.Command == "ALL" || p.Command == "INSERT" || p.Command == "UPDATE") && PolicyExpressions.IsTrue(p.WithCheck);
            // ALL/UPDATE without WITH CHECK reuse USING for new rows: USING (true) already says it.
            if (!usingTrue && !checkTrue) return;
            var clause = usingTrue && checkTrue ? "USING (true) and WITH CHECK (true)" : usingTrue ? "USING (true)" : "WITH CHECK (true)";
            s.Add(s.OnPart(AuditRules.RlsPermissive, t, "policy", p.Name,
                "Permissive " + p.Command + " policy for " + Roles(p) + " has " + clause + ": those roles may " + Verb(p.Command) + " every row.",
                "Restrict it to the rows the role owns, e.g. USING ((SELECT auth.uid()) = user_id), or to the roles that really need it."));
        }

        private static string Verb(string command) => command switch
        {
            "INSERT" => "insert any",
            "UPDATE" => "update",
            "DELETE" => "delete",
            _ => "read, insert, update and delete",
        };

        private static void PerRow(AuditScope s, TableInfo t, PolicyInfo p)
        {
            var calls = PolicyExpressions.PerRowCalls(p.Using).Union(PolicyExpressions.PerRowCalls(p.WithCheck)).ToList();
            if (calls.Count == 0) return;
            s.Add(s.OnPart(AuditRules.RlsPerRowFunction, t, "policy", p.Name,
                "Policy calls " + string.Join(", ", calls) + " directly: it is evaluated once per row.",
                "Wrap each call in a scalar subquery so it is evaluated once per query: " + string.Join(", ", calls.Select(c => "(SELECT " + c + ")")) + "."));
        }

        private static void Ownership(AuditScope s, TableInfo t, PolicyInfo p)
        {
            if (!p.Permissive || AdminOnly(p)) return;
            if (p.Command != "UPDATE" && p.Command != "DELETE" && p.Command != "ALL") return;
            if (p.Using == null || PolicyExpressions.IsTrue(p.Using)) return; // no USING, or DBRLS003
            var owner = t.Columns.FirstOrDefault(c => c.Name == "user_id" || c.Name == "owner_id");
            if (owner == null) return;
            if (PolicyExpressions.MentionsOwnership(p.Using, owner.Name)) return;
            s.Add(s.OnPart(AuditRules.RlsNoOwnershipFilter, t, "policy", p.Name,
                p.Command + " policy for " + Roles(p) + " does not check " + owner.Name + " or the current user: any such role may change rows it does not own.",
                "Add the ownership condition, e.g. USING (" + owner.Name + " = (SELECT auth.uid())), or document why every role may change these rows."));
        }

        /// <summary>Per role: which commands permissive policies allow (a PUBLIC policy applies to every role).</summary>
        private static Dictionary<string, HashSet<string>> CommandsByRole(TableInfo t)
        {
            var roles = t.Policies.Where(p => p.Permissive).SelectMany(p => p.Roles).Where(r => r != "public").Distinct().ToList();
            if (roles.Count == 0) roles.Add("public");
            var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var role in roles.Where(r => !AdminRoles.Contains(r)))
            {
                var allowed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in t.Policies.Where(p => p.Permissive && Applies(p, role)))
                {
                    if (p.Command == "ALL") allowed.UnionWith(Commands);
                    else allowed.Add(p.Command);
                }
                result[role] = allowed;
            }
            return result;
        }

        private static bool Applies(PolicyInfo p, string role) => p.Roles.Count == 0 || p.Roles.Contains("public") || p.Roles.Contains(role);

        private static void Coverage(AuditScope s, TableInfo t)
        {
            foreach (var pair in CommandsByRole(t).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var role = pair.Key;
                var allowed = pair.Value;
                if (allowed.Contains("SELECT") && (allowed.Contains("UPDATE") || allowed.Contains("DELETE")) && !allowed.Contains("INSERT"))
                {
                    s.Add(new AuditFinding(AuditRules.RlsMissingInsert,
                        "Role " + role + " may SELECT and " + (allowed.Contains("UPDATE") ? "UPDATE" : "DELETE") + " rows but no policy lets it INSERT: its inserts fail.",
                        "Add an INSERT policy with a WITH CHECK ownership condition for " + role + ", or document that rows are created by another role.")
                    { Schema = s.SchemaOf(t), Table = t.Name, ObjectKind = "role", ObjectName = role });
                }
                if (allowed.Contains("UPDATE") && !allowed.Contains("DELETE"))
                {
                    s.Add(new AuditFinding(AuditRules.RlsMissingDelete,
                        "Role " + role + " may UPDATE rows but no policy lets it DELETE them: its deletes silently affect no rows.",
                        "Add a DELETE policy for " + role + " (with the same ownership condition), or document that deletes go through another role.")
                    { Schema = s.SchemaOf(t), Table = t.Name, ObjectKind = "role", ObjectName = role });
                }
            }
        }

        private static void Conflicts(AuditScope s, TableInfo t)
        {
            var permissive = t.Policies.Where(p => p.Permissive).ToList();
            var roles = permissive.SelectMany(p => p.Roles).Distinct().Where(r => !AdminRoles.Contains(r)).ToList();
            if (roles.Count == 0) roles.Add("public");
            foreach (var role in roles.OrderBy(r => r, StringComparer.Ordinal))
            {
                // Commands grouped by the exact set of policies that apply, so two ALL policies give one finding.
                var groups = new List<(List<string> Policies, List<string> Commands)>();
                foreach (var command in Commands)
                {
                    var applying = permissive.Where(p => (p.Command == command || p.Command == "ALL") && Applies(p, role))
                        .Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                    if (applying.Count < 2) continue;
                    // For a specific role, report only when one of its own policies is involved (PUBLIC pairs are reported under public).
                    if (role != "public" && permissive.Where(p => applying.Contains(p.Name)).All(p => p.Roles.Contains("public") || p.Roles.Count == 0)) continue;
                    var existing = groups.FirstOrDefault(g => g.Policies.SequenceEqual(applying));
                    if (existing.Policies != null) existing.Commands.Add(command);
                    else groups.Add((applying, new List<string> { command }));
                }
                foreach (var g in groups)
                {
                    s.Add(new AuditFinding(AuditRules.RlsPolicyConflict,
                        "Permissive policies " + string.Join(", ", g.Policies) + " all apply to role " + role + " for " + string.Join(", ", g.Commands) +
                        ": they are ORed (the most permissive wins) and each is evaluated for every row.",
                        "Merge them into one policy per role and command (combine the conditions with OR), or make the narrowing ones RESTRICTIVE.")
                    { Schema = s.SchemaOf(t), Table = t.Name, ObjectKind = "role", ObjectName = role });
                }
            }
        }

        private static string Roles(PolicyInfo p) => p.Roles.Count == 0 || p.Roles.Contains("public") ? "PUBLIC" : string.Join(", ", p.Roles);
    }
}

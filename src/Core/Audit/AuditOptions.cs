using System;
using System.Collections.Generic;

namespace SchemaDrift.Core.Audit
{
    /// <summary>Thresholds and settings of an audit run (MSBuild properties feed the user-facing ones).</summary>
    public sealed class AuditOptions
    {
        /// <summary>
        /// Schemas reachable by API roles (PostgREST/Supabase expose "public" by default). Tables in them
        /// without RLS are DBRLS001 once the database uses RLS or API roles (see <see cref="AuditFacts"/>).
        /// </summary>
        public List<string> ExposedSchemas { get; } = new List<string> { "public" };

        /// <summary>True when the user named the exposed schemas (SchemaDriftAuditExposedSchemas): DBRLS001 then always applies there.</summary>
        public bool ExposedSchemasConfigured { get; set; }

        /// <summary>DBSCHEMA006: this many columns or more make a table wide.</summary>
        public int WideTableColumns { get; set; } = 20;

        /// <summary>DBPERF001: estimated rows from which an unpartitioned table is large.</summary>
        public long LargeTableRows { get; set; } = 1000000;

        /// <summary>
        /// Data checks (orphans, implicit relations, NULLs) read at most this many rows per table.
        /// Smaller tables are checked completely; larger ones are sampled (PostgreSQL TABLESAMPLE,
        /// elsewhere the first rows) and the finding says so.
        /// </summary>
        public int SampleRows { get; set; } = 100000;

        /// <summary>At most this many data-check queries per run (the rest are listed as skipped).</summary>
        public int MaxDataQueries { get; set; } = 500;

        /// <summary>Seconds one data-check query may run before it is cancelled (and listed as skipped).</summary>
        public int DataQueryTimeoutSeconds { get; set; } = 10;

        /// <summary>Run the data checks (DBINT001/003/004/005) at all.</summary>
        public bool DataChecks { get; set; } = true;

        /// <summary>DBPERF002: live rows from which a table that was never analyzed matters.</summary>
        public long MaintenanceMinRows { get; set; } = 1000;

        /// <summary>DBPERF004: estimated rows from which sequential scans matter.</summary>
        public long SeqScanMinRows { get; set; } = 10000;

        /// <summary>DBPERF004: sequential scans (since the statistics reset) from which a table is scan-heavy.</summary>
        public long SeqScanMinScans { get; set; } = 100;

        /// <summary>DBIDX005: the table must have been read at least this often for a never-used index to count as unused.</summary>
        public long UnusedIndexMinTableScans { get; set; } = 100;

        /// <summary>The settings that change findings, as one string (an in-build result is reused only under the same settings).</summary>
        public string Describe() =>
            "exposed=" + string.Join(",", ExposedSchemas) + (ExposedSchemasConfigured ? "!" : "") +
            ";wide=" + WideTableColumns.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            ";large=" + LargeTableRows.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            ";sample=" + SampleRows.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            ";data=" + (DataChecks ? "on" : "off") + ";max=" + MaxDataQueries.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool IsExposed(string schema)
        {
            foreach (var s in ExposedSchemas)
            {
                if (string.Equals(s, schema, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// Facts about the database that the snapshot does not record, read by the tool's live
    /// checks. Empty for a snapshot-only audit (then the checks that need them stay quiet).
    /// </summary>
    public sealed class AuditFacts
    {
        /// <summary>Qualified names (schema.table) of PostgreSQL partitions: their parent carries the findings.</summary>
        public HashSet<string> Partitions { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Qualified names of tables an extension owns (PostGIS spatial_ref_sys…): not the application's design.</summary>
        public HashSet<string> ExtensionTables { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>"schema.name(arguments)" of functions an extension owns.</summary>
        public HashSet<string> ExtensionRoutines { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>PostgREST/Supabase API roles exist (anon, authenticated): tables in exposed schemas are reachable by them.</summary>
        public bool ApiRoles { get; set; }

        /// <summary>MySQL: "table.column" of columns with ON UPDATE CURRENT_TIMESTAMP; null when unknown.</summary>
        public HashSet<string>? OnUpdateColumns { get; set; }

        public static string Qualified(string? schema, string name) => string.IsNullOrEmpty(schema) ? name : schema + "." + name;
    }
}

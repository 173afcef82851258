using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Migrations.Lint;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Codes the tool reports for migrations (not Roslyn diagnostics); each has a page in docs/rules/.</summary>
    public static class MigrationCodes
    {
        /// <summary>Lint findings as errors (SchemaDriftLintAsErrors).</summary>
        public const string LintFailed = "DBMIG000";

        public static readonly IReadOnlyList<string> Push = Enumerable.Range(1, 12).Select(i => "DBPUSH" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        public static IEnumerable<string> All => new[] { LintFailed }.Concat(LintRules.All.Keys).Concat(Push);
    }
}

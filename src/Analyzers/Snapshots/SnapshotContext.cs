using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Snapshots
{
    /// <summary>
    /// The schema snapshot for one compilation, found among the AdditionalFiles (the
    /// analyzers never touch the file system). The build adds the fresh cache
    /// (metadata SchemaDriftSnapshot=cache) and the committed snapshot (=committed);
    /// the cache wins when both are present.
    /// </summary>
    internal sealed class SnapshotContext
    {
        public const string MetadataKey = "build_metadata.AdditionalFiles.SchemaDriftSnapshot";

        // Parsing is memoized per snapshot *text*: SourceText instances are immutable, and the
        // IDE hands the same instance to every compilation until the file changes, so typing
        // in a C# file does not re-parse the snapshot. Weak keys: nothing outlives the text.
        private static readonly ConditionalWeakTable<SourceText, SnapshotContext> Parsed = new ConditionalWeakTable<SourceText, SnapshotContext>();

        private SnapshotContext(SchemaIndex? index, string? problem, string path)
        {
            Index = index;
            Problem = problem;
            Path = path;
        }

        /// <summary>The snapshot's text: immutable, so it keys caches that must not outlive it.</summary>
        public SourceText? Text { get; private set; }

        /// <summary>The lookups the rules use; null when the snapshot could not be read.</summary>
        public SchemaIndex? Index { get; }

        /// <summary>What is wrong with the snapshot file (for DBDRIFT000), or null.</summary>
        public string? Problem { get; }

        public string Path { get; }

        /// <summary>Finds and reads the snapshot; null when the compilation has none (SchemaDrift stays silent).</summary>
        public static SnapshotContext? Find(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            AdditionalText? best = null;
            var bestRank = 0;
            foreach (var file in options.AdditionalFiles)
            {
                var rank = Rank(file, options);
                if (rank > bestRank)
                {
                    best = file;
                    bestRank = rank;
                }
            }
            if (best == null) return null;
            var text = best.GetText(cancellationToken);
            if (text == null)
            {
                return new SnapshotContext(null, "the snapshot file '" + best.Path + "' could not be read", best.Path);
            }
            return Parsed.GetValue(text, t =>
            {
                var loaded = Load(t, best.Path);
                loaded.Text = t;
                return loaded;
            });
        }

        private static int Rank(AdditionalText file, AnalyzerOptions options) => RankOf(file, options.AnalyzerConfigOptionsProvider);

        /// <summary>How good a snapshot candidate a file is: 3 the build's cache, 2 the committed file, 1 a *.snapshot.json, 0 not a snapshot.</summary>
        internal static int RankOf(AdditionalText file, AnalyzerConfigOptionsProvider provider)
        {
            if (provider.GetOptions(file).TryGetValue(MetadataKey, out var role))
            {
                if (role == "cache") return 3;
                if (role == "committed") return 2;
            }
            var name = System.IO.Path.GetFileName(file.Path);
            var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(file.Path) ?? "");
            if (string.Equals(name, "snapshot.json", System.StringComparison.OrdinalIgnoreCase) &&
                string.Equals(folder, "schemadrift", System.StringComparison.OrdinalIgnoreCase))
            {
                return 3;
            }
            if (name.EndsWith(".snapshot.json", System.StringComparison.OrdinalIgnoreCase) ||
                string.Equals(name, "schema.snapshot.json", System.StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }
            return 0;
        }

        private static SnapshotContext Load(SourceText text, string path)
        {
            var result = SnapshotSerializer.Read(text.ToString());
            if (result.Snapshot == null)
            {
                var remedy = result.Error == SnapshotReadError.NewerFormat
                    ? "Update the SchemaDrift package, or regenerate the snapshot with this version ('dotnet build -t:SchemaDriftSnapshot')."
                    : "Regenerate it with 'dotnet build -t:SchemaDriftSnapshot' (or delete it and build with a reachable database).";
                return new SnapshotContext(null, "SchemaDrift cannot use the snapshot '" + System.IO.Path.GetFileName(path) + "': " + result.Message + ". SQL is not checked. " + remedy, path);
            }
            return new SnapshotContext(new SchemaIndex(result.Snapshot), null, path);
        }
    }
}

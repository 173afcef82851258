using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Analyzers.Snapshots;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Analyzers.Generators
{
    /// <summary>
    /// With SchemaDriftGenerateTypes=true, emits C# for the schema snapshot: per table a static
    /// class with the table and column names as constants (quoted as the dialect needs) and a
    /// row record typed from the columns, and C# enums for database enums. Code written with
    /// these names stops compiling when the schema drops or renames what it uses.
    /// The pipeline is keyed on the snapshot's text and two settings only: editing C# code
    /// does no generator work.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SchemaTypesGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var settings = context.AnalyzerConfigOptionsProvider.Select((options, _) =>
            {
                options.GlobalOptions.TryGetValue("build_property.SchemaDriftGenerateTypes", out var enabled);
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns);
                return new Settings(string.Equals(enabled, "true", StringComparison.OrdinalIgnoreCase), ns ?? "");
            });

            // The best snapshot among the AdditionalFiles (the fresh cache over the committed file), as
            // text; only when types are generated: the copy of a large snapshot costs every build
            // tens of milliseconds (docs/benchmarks.md), and most projects leave the setting off.
            var input = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select((pair, _) => (Rank: SnapshotContext.RankOf(pair.Left, pair.Right), File: pair.Left))
                .Where(x => x.Rank > 0)
                .Collect()
                .Combine(settings)
                .Select((pair, ct) =>
                {
                    var (files, s) = pair;
                    if (!s.Enabled) return (Text: (string?)null, Settings: s);
                    var best = files.OrderByDescending(f => f.Rank).Select(f => f.File).FirstOrDefault();
                    return (Text: best?.GetText(ct)?.ToString(), Settings: s);
                });

            context.RegisterSourceOutput(input, (output, pair) =>
            {
                var (text, s) = pair;
                if (text == null) return;
                try
                {
                    var read = SnapshotSerializer.Read(text);
                    if (read.Snapshot == null) return; // SnapshotNoticeAnalyzer reports why
                    var source = SchemaTypesWriter.Write(read.Snapshot, s.Namespace);
                    output.AddSource("SchemaDrift.Db.g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // A generator exception becomes CS8785 and drops all output; emit nothing instead.
                }
            });
        }

        /// <summary>The generator's settings, compared by value so unchanged settings keep the pipeline cached.</summary>
        private sealed class Settings : IEquatable<Settings>
        {
            public Settings(bool enabled, string ns)
            {
                Enabled = enabled;
                Namespace = ns;
            }

            public bool Enabled { get; }
            public string Namespace { get; }

            public bool Equals(Settings? other) => other != null && other.Enabled == Enabled && other.Namespace == Namespace;

            public override bool Equals(object? obj) => Equals(obj as Settings);

            public override int GetHashCode() => (Enabled ? 1 : 0) ^ Namespace.GetHashCode();

            public void Deconstruct(out bool enabled, out string ns)
            {
                enabled = Enabled;
                ns = Namespace;
            }
        }
    }
}

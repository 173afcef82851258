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
            // The pipeline carries classes, not tuples with value-type members: each new value-type
            // shape makes the runtime JIT-compile Roslyn's generic pipeline code for it in every
            // compile (about 270 methods for (int, AdditionalText)), while shapes of references
            // share code the compiler's own image and the SDK's generators already have.
            var input = settings
                .Combine(context.AdditionalTextsProvider
                    .Combine(context.AnalyzerConfigOptionsProvider)
                    .Select((pair, _) => new RankedFile(SnapshotContext.RankOf(pair.Left, pair.Right), pair.Left))
                    .Where(x => x.Rank > 0)
                    .Collect())
                .Select((pair, ct) =>
                {
                    var (s, files) = pair;
                    if (!s.Enabled) return new Input(null, s);
                    var best = files.OrderByDescending(f => f.Rank).Select(f => f.File).FirstOrDefault();
                    return new Input(best?.GetText(ct)?.ToString(), s);
                });

            context.RegisterSourceOutput(input, (output, pair) =>
            {
                var text = pair.Text;
                var s = pair.Settings;
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

        /// <summary>A snapshot file and its rank; equal when both are, so an unchanged file keeps the pipeline cached.</summary>
        private sealed class RankedFile : IEquatable<RankedFile>
        {
            public RankedFile(int rank, AdditionalText file)
            {
                Rank = rank;
                File = file;
            }

            public int Rank { get; }
            public AdditionalText File { get; }

            public bool Equals(RankedFile? other) => other != null && other.Rank == Rank && ReferenceEquals(other.File, File);

            public override bool Equals(object? obj) => Equals(obj as RankedFile);

            public override int GetHashCode() => Rank ^ File.GetHashCode();
        }

        /// <summary>The chosen snapshot's text (null when there is none or types are not generated) and the settings, compared by value.</summary>
        private sealed class Input : IEquatable<Input>
        {
            public Input(string? text, Settings settings)
            {
                Text = text;
                Settings = settings;
            }

            public string? Text { get; }
            public Settings Settings { get; }

            public bool Equals(Input? other) => other != null && other.Text == Text && other.Settings.Equals(Settings);

            public override bool Equals(object? obj) => Equals(obj as Input);

            public override int GetHashCode() => (Text?.GetHashCode() ?? 0) ^ Settings.GetHashCode();
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
        }
    }
}

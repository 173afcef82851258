using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Core.Audit;

namespace SchemaDrift.Analyzers.Audit
{
    /// <summary>
    /// Turns the audit findings the tool wrote (obj/…/schemadrift/audit.json, added as an
    /// AdditionalFile with metadata SchemaDriftAudit=findings when SchemaDriftAuditInBuild is
    /// true) into diagnostics with the finding's ID, located on the finding's line of that file.
    /// Findings have no C# location, so .editorconfig sections such as [*.cs] would not reach
    /// them on their own: the analyzer applies the dotnet_diagnostic.&lt;ID&gt;.severity that
    /// holds for the project's C# files itself (global configs, NoWarn and -warnaserror are
    /// applied by the compiler as for any diagnostic).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AuditFindingsAnalyzer : DiagnosticAnalyzer
    {
        public const string MetadataKey = "build_metadata.AdditionalFiles.SchemaDriftAudit";

        private static readonly ConditionalWeakTable<SourceText, List<AuditFileEntry>> Parsed = new ConditionalWeakTable<SourceText, List<AuditFileEntry>>();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AuditDescriptors.FromAuditFile);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterAdditionalFileAction(Analyze);
        }

        public static bool IsAuditFile(AdditionalText file, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var role))
            {
                return role == "findings";
            }
            var name = System.IO.Path.GetFileName(file.Path);
            var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(file.Path) ?? "");
            return string.Equals(name, "audit.json", System.StringComparison.OrdinalIgnoreCase) &&
                   string.Equals(folder, "schemadrift", System.StringComparison.OrdinalIgnoreCase);
        }

        private static void Analyze(AdditionalFileAnalysisContext context)
        {
            var file = context.AdditionalFile;
            if (!IsAuditFile(file, context.Options)) return;
            var text = file.GetText(context.CancellationToken);
            if (text == null) return;
            var entries = Parsed.GetValue(text, t => AuditFile.ReadFindings(t.ToString(), out _));
            foreach (var entry in entries)
            {
                var descriptor = AuditDescriptors.For(entry.Id);
                if (descriptor == null || entry.Line >= text.Lines.Count) continue;
                var severity = ConfiguredSeverity.Resolve(context.Compilation, context.Options, descriptor, context.CancellationToken);
                if (severity == null) continue;
                var line = text.Lines[entry.Line];
                var span = line.Span;
                var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
                var message = entry.Object + ": " + entry.Finding + " " + entry.Recommendation;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, severity.Value, additionalLocations: null, properties: null, message));
            }
        }
    }

    /// <summary>
    /// The severity .editorconfig gives an ID for the project's C# files: diagnostics located outside
    /// C# files (an audit file) take it from there. Null means "suppressed".
    /// </summary>
    internal static class ConfiguredSeverity
    {
        public static DiagnosticSeverity? Resolve(Compilation compilation, AnalyzerOptions options, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
        {
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            if (provider == null) return descriptor.DefaultSeverity;
            SyntaxTree? tree = null;
            foreach (var t in compilation.SyntaxTrees)
            {
                // The user's own files first; generated ones (obj/…) only when nothing else exists.
                if (tree == null || (IsGenerated(tree) && !IsGenerated(t))) tree = t;
                if (!IsGenerated(tree)) break;
            }
            if (tree == null) return descriptor.DefaultSeverity;
            if (!provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var report))
            {
                // dotnet_analyzer_diagnostic.category-SchemaDrift.Audit.severity, as the IDE and compiler honour it for C# locations.
                var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                if (!treeOptions.TryGetValue("dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", out var value) || !TryParse(value, out report))
                {
                    return descriptor.DefaultSeverity;
                }
            }
            switch (report)
            {
                case ReportDiagnostic.Suppress:
                    return null;
                case ReportDiagnostic.Error:
                    return DiagnosticSeverity.Error;
                case ReportDiagnostic.Warn:
                    return DiagnosticSeverity.Warning;
                case ReportDiagnostic.Info:
                    return DiagnosticSeverity.Info;
                case ReportDiagnostic.Hidden:
                    return DiagnosticSeverity.Hidden;
                default:
                    return descriptor.DefaultSeverity;
            }
        }

        private static bool TryParse(string value, out ReportDiagnostic report)
        {
            switch (value.Trim().ToLowerInvariant())
            {
                case "error": report = ReportDiagnostic.Error; return true;
                case "warning": report = ReportDiagnostic.Warn; return true;
                case "suggestion": report = ReportDiagnostic.Info; return true;
                case "silent": report = ReportDiagnostic.Hidden; return true;
                case "none": report = ReportDiagnostic.Suppress; return true;
                default: report = ReportDiagnostic.Default; return false;
            }
        }

        private static bool IsGenerated(SyntaxTree tree)
        {
            var path = tree.FilePath ?? "";
            return path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) ||
                   path.IndexOf("/obj/", System.StringComparison.Ordinal) >= 0 || path.IndexOf("\\obj\\", System.StringComparison.Ordinal) >= 0;
        }
    }
}

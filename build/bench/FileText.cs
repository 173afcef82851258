using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Bench;

/// <summary>A file on disk handed to the analyzers as an AdditionalFile, as the build does.</summary>
internal sealed class FileText : AdditionalText
{
    private readonly SourceText _text;

    public FileText(string path)
    {
        Path = path;
        _text = SourceText.From(File.ReadAllText(path));
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

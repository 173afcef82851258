using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory, as the IDE and the compiler hand it to analyzers.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    private int _reads;

    public override string Path { get; }

    /// <summary>How many times the text was asked for (analyzers may ask concurrently).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public override SourceText GetText(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return _text;
    }
}

namespace SchemaDrift.Tool.Introspection;

/// <summary>A failure with a message for the user and what to do about it.</summary>
internal sealed class IntrospectionException : Exception
{
    public IntrospectionException(string message, string remedy, Exception? inner = null)
        : base(message, inner) => Remedy = remedy;

    /// <summary>What the user should do, as a full sentence.</summary>
    public string Remedy { get; }

    /// <summary>"problem. Remedy." for messages.</summary>
    public string Describe() => Message + ". " + Remedy;
}

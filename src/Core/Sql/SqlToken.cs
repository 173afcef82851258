namespace SchemaDrift.Core.Sql
{
    public enum SqlDialect
    {
        PostgreSql,
        MySql,
        Sqlite,
    }

    public enum SqlTokenKind
    {
        /// <summary>An unquoted word: keyword or identifier.</summary>
        Word,

        /// <summary>"x", `x` or [x].</summary>
        QuotedIdentifier,

        /// <summary>'x', E'x', $tag$x$tag$, X'00', and "x" on MySQL.</summary>
        String,
        Number,

        /// <summary>@p, :p, $1, ?, ?1, $name.</summary>
        Parameter,
        Operator,
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Comma,
        Dot,
        Semicolon,
        End,
    }

    /// <summary>One token with its exact place in the SQL text, so diagnostics can point at it.</summary>
    /// <remarks>
    /// 24 bytes: the length is the written text's, not a field of its own. The parser walks
    /// arrays of these for every call site of a build, so their size is memory bandwidth.
    /// </remarks>
    public readonly struct SqlToken
    {
        public SqlToken(SqlTokenKind kind, int start, string text, string value)
        {
            Text = text;
            Value = value;
            Start = start;
            Kind = kind;
        }

        public SqlTokenKind Kind { get; }
        public int Start { get; }
        public int Length => Text.Length;
        public int End => Start + Text.Length;

        /// <summary>The token as written.</summary>
        public string Text { get; }

        /// <summary>Identifiers without their quotes; string literal contents; otherwise the text.</summary>
        public string Value { get; }

        public bool IsWord(string word) =>
            Kind == SqlTokenKind.Word && string.Equals(Text, word, System.StringComparison.OrdinalIgnoreCase);

        public bool IsIdentifier => Kind == SqlTokenKind.Word || Kind == SqlTokenKind.QuotedIdentifier;

        public bool IsOperator(string op) => Kind == SqlTokenKind.Operator && Text == op;

        public override string ToString() => Kind + " '" + Text + "'@" + Start;
    }
}

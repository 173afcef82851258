using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Analyzers.SqlSources
{
    /// <summary>
    /// A constant SQL string together with where each of its characters came from in
    /// the C# source, so a finding at SQL offset N squiggles the exact characters of
    /// the literal, across escapes, verbatim and raw strings and concatenations.
    /// </summary>
    internal sealed class SqlSource
    {
        private readonly List<Piece> _pieces;
        private readonly SyntaxNode _whole;

        private SqlSource(string text, List<Piece> pieces, SyntaxNode whole)
        {
            Text = text;
            _pieces = pieces;
            _whole = whole;
        }

        public string Text { get; }

        /// <summary>The data-access API the text was passed to (Dapper, ADO.NET, EF Core), for diagnostic properties.</summary>
        public string? Api { get; set; }

        /// <summary>Where to report when a span cannot be mapped precisely (the whole SQL argument).</summary>
        public Location Fallback => _whole.GetLocation();

        /// <summary>The same source with the text rewritten character for character (same length, same mapping).</summary>
        public SqlSource WithText(string text) => text.Length == Text.Length ? new SqlSource(text, _pieces, _whole) { Api = Api } : this;

        /// <summary>
        /// The exact C# span of SQL characters [start, start + length) when they all come from
        /// one literal in the file being analyzed, or null (for code fixes: only exact spans are usable).
        /// </summary>
        public TextSpan? GetExactSpan(int start, int length) => Map(start, length, out _);

        /// <summary>The C# location of SQL characters [start, start + length).</summary>
        public Location GetLocation(int start, int length)
        {
            var span = Map(start, length, out var piece);
            if (piece == null) return Fallback;
            return span is TextSpan exact ? Location.Create(piece.Node.SyntaxTree, exact) : piece.Node.GetLocation();
        }

        /// <summary>
        /// The piece the characters start in (null: none) and their exact C# span, when they all lie
        /// in that piece and it maps its characters.
        /// </summary>
        private TextSpan? Map(int start, int length, out Piece? piece)
        {
            foreach (var p in _pieces)
            {
                if (start < p.Start || start >= p.Start + p.Length) continue;
                piece = p;
                var map = p.Map;
                if (map == null || start + length > p.Start + p.Length) return null;
                return TextSpan.FromBounds(map[start - p.Start], map[start - p.Start + length]);
            }
            piece = null;
            return null;
        }

        /// <summary>How a piece's characters map to the characters of its token.</summary>
        internal enum Mapping
        {
            /// <summary>Not mapped: a constant from elsewhere, or a parameter placeholder.</summary>
            None,

            /// <summary>A string literal token (regular, verbatim, raw, UTF-8).</summary>
            Literal,

            /// <summary>The text part of an interpolated string.</summary>
            InterpolatedText,

            /// <summary>The text part of a verbatim interpolated string.</summary>
            VerbatimInterpolatedText,

            /// <summary>The text part of a raw interpolated string.</summary>
            RawInterpolatedText,
        }

        /// <summary>
        /// A run of SQL characters and where they came from. The character map (Length + 1 source
        /// positions) is worked out only when a finding needs it: most call sites have none, and
        /// building it for every literal was a large part of what the analyzers allocate.
        /// </summary>
        internal sealed class Piece
        {
            private static readonly int[] Unmappable = new int[0];
            private int[]? _map;

            public Piece(int start, string value, SyntaxNode node, Mapping mapping, SyntaxToken token)
            {
                Start = start;
                Value = value;
                Node = node;
                Mapping = mapping;
                Token = token;
            }

            public int Start { get; }
            public int Length => Value.Length;
            public string Value { get; }

            /// <summary>Where findings in this piece point when they cannot be placed exactly.</summary>
            public SyntaxNode Node { get; }

            public Mapping Mapping { get; }
            public SyntaxToken Token { get; }

            /// <summary>The source position of each character (null: not mappable; findings point at <see cref="Node"/>).</summary>
            public int[]? Map
            {
                get
                {
                    var map = System.Threading.Volatile.Read(ref _map);
                    if (map == null)
                    {
                        // Computed from immutable inputs: two threads racing here store equal maps.
                        map = ComputeMap() ?? Unmappable;
                        System.Threading.Volatile.Write(ref _map, map);
                    }
                    return ReferenceEquals(map, Unmappable) ? null : map;
                }
            }

            private int[]? ComputeMap()
            {
                switch (Mapping)
                {
                    case Mapping.Literal:
                        return LiteralMap.For(Token, Value);
                    case Mapping.InterpolatedText:
                        return LiteralMap.ForInterpolatedText(Token, Value, verbatim: false);
                    case Mapping.VerbatimInterpolatedText:
                        return LiteralMap.ForInterpolatedText(Token, Value, verbatim: true);
                    case Mapping.RawInterpolatedText:
                        return LiteralMap.ForRawInterpolatedText(Token, Value);
                    default:
                        return null;
                }
            }
        }

        internal sealed class Builder
        {
            private readonly List<Piece> _pieces = new List<Piece>();
            private StringBuilder? _text;
            private string _first = "";

            public int Length { get; private set; }

            /// <summary>Text whose characters map one by one to the characters of <paramref name="token"/>.</summary>
            public void AddMapped(string value, SyntaxNode node, Mapping mapping, SyntaxToken token) => Add(new Piece(Length, value, node, mapping, token));

            /// <summary>Text that comes from elsewhere (a constant): findings in it point at <paramref name="node"/>.</summary>
            public void AddOpaque(string value, SyntaxNode node) => Add(new Piece(Length, value, node, Mapping.None, default));

            private void Add(Piece piece)
            {
                // One piece (the usual single literal) keeps its string: no copy.
                if (_pieces.Count == 0) _first = piece.Value;
                else (_text ??= new StringBuilder(_first)).Append(piece.Value);
                _pieces.Add(piece);
                Length += piece.Value.Length;
            }

            public SqlSource Build(SyntaxNode whole) => new SqlSource(_text?.ToString() ?? _first, _pieces, whole);
        }
    }
}

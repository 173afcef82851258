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

        private SqlSource(string text, List<Piece> pieces, Location fallback)
        {
            Text = text;
            _pieces = pieces;
            Fallback = fallback;
        }

        public string Text { get; }

        /// <summary>The data-access API the text was passed to (Dapper, ADO.NET, EF Core), for diagnostic properties.</summary>
        public string? Api { get; set; }

        /// <summary>Where to report when a span cannot be mapped precisely (the whole SQL argument).</summary>
        public Location Fallback { get; }

        /// <summary>The same source with the text rewritten character for character (same length, same mapping).</summary>
        public SqlSource WithText(string text) => text.Length == Text.Length ? new SqlSource(text, _pieces, Fallback) { Api = Api } : this;

        /// <summary>
        /// The exact C# span of SQL characters [start, start + length) when they all come from
        /// one literal in the file being analyzed, or null (for code fixes: only exact spans are usable).
        /// </summary>
        public TextSpan? GetExactSpan(int start, int length)
        {
            foreach (var p in _pieces)
            {
                if (start < p.Start || start >= p.Start + p.Length) continue;
                if (p.Map != null && start + length <= p.Start + p.Length)
                {
                    return TextSpan.FromBounds(p.Map[start - p.Start], p.Map[start - p.Start + length]);
                }
                return null;
            }
            return null;
        }

        /// <summary>The C# location of SQL characters [start, start + length).</summary>
        public Location GetLocation(int start, int length)
        {
            foreach (var p in _pieces)
            {
                if (start < p.Start || start >= p.Start + p.Length) continue;
                if (p.Map != null && start + length <= p.Start + p.Length)
                {
                    var from = p.Map[start - p.Start];
                    var to = p.Map[start - p.Start + length];
                    return Location.Create(p.Tree!, TextSpan.FromBounds(from, to));
                }
                return p.Location;
            }
            return Fallback;
        }

        /// <summary>A run of SQL characters and their source positions (Map has Length + 1 entries).</summary>
        internal sealed class Piece
        {
            public int Start;
            public int Length;
            public SyntaxTree? Tree;
            public int[]? Map;
            public Location Location = Location.None;
        }

        internal sealed class Builder
        {
            private readonly StringBuilder _text = new StringBuilder();
            private readonly List<Piece> _pieces = new List<Piece>();

            public int Length => _text.Length;

            /// <summary>Text whose characters map one by one to <paramref name="map"/> positions in <paramref name="tree"/>.</summary>
            public void AddMapped(string value, SyntaxTree tree, int[] map, Location whole)
            {
                _pieces.Add(new Piece { Start = _text.Length, Length = value.Length, Tree = tree, Map = map, Location = whole });
                _text.Append(value);
            }

            /// <summary>Text that comes from elsewhere (a constant): findings in it point at <paramref name="location"/>.</summary>
            public void AddOpaque(string value, Location location)
            {
                _pieces.Add(new Piece { Start = _text.Length, Length = value.Length, Location = location });
                _text.Append(value);
            }

            public SqlSource Build(Location fallback) => new SqlSource(_text.ToString(), _pieces, fallback);
        }
    }
}

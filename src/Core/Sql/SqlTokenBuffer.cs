using System;

namespace SchemaDrift.Core.Sql
{
    /// <summary>
    /// The tokens of one text in an array the parser can walk by reference and reuse for the next
    /// text on the same thread, instead of a new list per call site.
    /// </summary>
    internal struct SqlTokenBuffer
    {
        public SqlTokenBuffer(SqlToken[] items)
        {
            Items = items;
            Count = 0;
        }

        public SqlToken[] Items { get; private set; }

        public int Count { get; private set; }

        public void Add(SqlToken token)
        {
            if (Count == Items.Length)
            {
                var grown = new SqlToken[Math.Max(16, Items.Length * 2)];
                Array.Copy(Items, grown, Count);
                Items = grown;
            }
            Items[Count++] = token;
        }
    }
}

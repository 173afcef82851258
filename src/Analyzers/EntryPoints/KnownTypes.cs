using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.EntryPoints
{
    /// <summary>The data-access types SQL flows into, resolved once per compilation (null when not referenced).</summary>
    internal sealed class KnownTypes
    {
        // Shared by the analyzers of one compilation: the metadata lookups are paid once per compilation (per keystroke in the IDE).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes> PerCompilation =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownTypes>();

        public static KnownTypes For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new KnownTypes(c));

        public KnownTypes(Compilation compilation)
        {
            SqlMapper = compilation.GetTypeByMetadataName("Dapper.SqlMapper");
            CommandDefinition = compilation.GetTypeByMetadataName("Dapper.CommandDefinition");
            DbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
            IDbCommand = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
            DbBatchCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbBatchCommand");
            CommandType = compilation.GetTypeByMetadataName("System.Data.CommandType");
            EfQueryable = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
            EfDatabaseFacade = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
            FormattableString = compilation.GetTypeByMetadataName("System.FormattableString");
        }

        public INamedTypeSymbol? SqlMapper { get; }
        public INamedTypeSymbol? CommandDefinition { get; }
        public INamedTypeSymbol? DbCommand { get; }
        public INamedTypeSymbol? IDbCommand { get; }
        public INamedTypeSymbol? DbBatchCommand { get; }
        public INamedTypeSymbol? CommandType { get; }
        public INamedTypeSymbol? EfQueryable { get; }
        public INamedTypeSymbol? EfDatabaseFacade { get; }
        public INamedTypeSymbol? FormattableString { get; }

        public bool Any => SqlMapper != null || DbCommand != null || IDbCommand != null || EfQueryable != null || EfDatabaseFacade != null;

        public bool IsEfRawSqlType(INamedTypeSymbol? type) =>
            type != null && (SymbolEqualityComparer.Default.Equals(type, EfQueryable) || SymbolEqualityComparer.Default.Equals(type, EfDatabaseFacade));

        /// <summary>
        /// DbCommand subclasses, IDbCommand implementations (SqliteCommand, NpgsqlCommand,
        /// MySqlCommand…) and DbBatchCommand subclasses (NpgsqlBatchCommand, MySqlBatchCommand…).
        /// </summary>
        public bool IsCommand(ITypeSymbol? type)
        {
            if (type == null) return false;
            // Asked for the return type of every invocation in the compilation: answer the common
            // cases without walking base types and interfaces, and each other type once.
            if (type.SpecialType != SpecialType.None) return false;
            switch (type.TypeKind)
            {
                case TypeKind.Array:
                case TypeKind.Enum:
                case TypeKind.Delegate:
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                case TypeKind.Dynamic:
                    return false;
            }
            return _isCommand.GetOrAdd(type, t => IsCommandUncached(t));
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _isCommand =
            new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        private bool IsCommandUncached(ITypeSymbol type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (DbCommand != null && SymbolEqualityComparer.Default.Equals(t, DbCommand)) return true;
                if (DbBatchCommand != null && SymbolEqualityComparer.Default.Equals(t, DbBatchCommand)) return true;
            }
            if (IDbCommand == null) return false;
            if (SymbolEqualityComparer.Default.Equals(type, IDbCommand)) return true;
            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i, IDbCommand)) return true;
            }
            return false;
        }
    }
}

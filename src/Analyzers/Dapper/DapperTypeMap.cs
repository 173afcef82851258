using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.Dapper
{
    /// <summary>A member (or constructor parameter) Dapper fills from a column.</summary>
    internal sealed class DapperTarget
    {
        public DapperTarget(ISymbol symbol, ITypeSymbol type, bool isParameter)
        {
            Symbol = symbol;
            Type = type;
            IsParameter = isParameter;
        }

        public ISymbol Symbol { get; }
        public ITypeSymbol Type { get; }
        public bool IsParameter { get; }
        public string Name => Symbol.Name;
    }

    /// <summary>
    /// How Dapper's DefaultTypeMap maps a result row onto T: with a parameterless constructor,
    /// settable properties and fields by name (exact, then case-insensitive, then with
    /// underscores removed when DefaultTypeMap.MatchNamesWithUnderscores is on); without one,
    /// a constructor whose parameters match the columns.
    /// </summary>
    internal static class DapperTypeMap
    {
        /// <summary>True for types Dapper reads as a single value (the first column), not member by member.</summary>
        public static bool IsScalar(ITypeSymbol type)
        {
            var inner = ClrTypes.Unwrap(type, out _);
            if (ClrTypes.IsScalar(inner)) return true;
            if (inner.SpecialType == SpecialType.System_Object || inner.TypeKind == TypeKind.Dynamic) return true;
            if (inner.TypeKind == TypeKind.Interface || inner.TypeKind == TypeKind.TypeParameter || inner.IsAbstract) return true;
            if (inner is INamedTypeSymbol n && (n.IsTupleType || n.Name.StartsWith("ValueTuple", StringComparison.Ordinal) || n.Name.StartsWith("Tuple", StringComparison.Ordinal))) return true;
            var ns = ClrTypes.NamespaceName(inner.ContainingNamespace);
            return ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal) || ns.StartsWith("Npgsql", StringComparison.Ordinal);
        }

        /// <summary>The members Dapper would set, or null when T is not mapped member by member (no usable shape).</summary>
        public static List<DapperTarget>? Targets(INamedTypeSymbol type, out bool viaConstructor)
        {
            viaConstructor = false;
            var ctors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
            if (type.TypeKind == TypeKind.Struct || ctors.Any(c => c.Parameters.Length == 0))
            {
                var list = new List<DapperTarget>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var t = type; t != null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
                {
                    foreach (var m in t.GetMembers())
                    {
                        if (m.IsStatic || m.IsImplicitlyDeclared || !seen.Add(m.Name)) continue;
                        if (m is IPropertySymbol p && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.SetMethod != null)
                        {
                            list.Add(new DapperTarget(p, p.Type, false));
                        }
                        else if (m is IFieldSymbol f && f.DeclaredAccessibility == Accessibility.Public && !f.IsReadOnly && !f.IsConst)
                        {
                            list.Add(new DapperTarget(f, f.Type, false));
                        }
                    }
                }
                return list;
            }
            var explicitCtors = ctors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (explicitCtors.Count != 1) return null;
            viaConstructor = true;
            return explicitCtors[0].Parameters.Select(p => new DapperTarget(p, p.Type, true)).ToList();
        }

        /// <summary>Dapper's name match: case-insensitive, and ignoring underscores in the column name when enabled.</summary>
        public static bool Matches(string column, string member, bool underscores) =>
            string.Equals(column, member, StringComparison.OrdinalIgnoreCase) ||
            (underscores && string.Equals(column.Replace("_", ""), member, StringComparison.OrdinalIgnoreCase));

        public static ClrSide? ClrSideOf(ITypeSymbol type)
        {
            if (ClrTypes.EnumOf(type) != null) return null; // Dapper converts numbers and names into enums
            var kind = ClrTypes.KindOf(type);
            return kind == ClrKind.Unknown ? (ClrSide?)null : new ClrSide(kind);
        }

        public static bool CannotHoldNull(ITypeSymbol type)
        {
            var inner = ClrTypes.Unwrap(type, out var wrapped);
            return inner.IsValueType && !wrapped;
        }
    }
}

#nullable enable
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

// EFCore.NamingConventions has no EF Core 8 build on the package feed this project uses, so the
// tests carry a stand-in with the same entry point (NamingConventionsExtensions.UseSnakeCaseNamingConvention)
// that renames conventional (not explicitly configured) table and column names the same way:
// the analyzer recognizes the call by that class and method name, and EF Core builds the
// database with the rewritten names at run time.
namespace Microsoft.EntityFrameworkCore
{
    public static class NamingConventionsExtensions
    {
        public static DbContextOptionsBuilder UseSnakeCaseNamingConvention(this DbContextOptionsBuilder optionsBuilder, CultureInfo? culture = null)
        {
            optionsBuilder.ReplaceService<IModelCustomizer, SchemaDrift.Tests.EfCore.Models.SnakeCaseModelCustomizer>();
            return optionsBuilder;
        }

        public static DbContextOptionsBuilder<TContext> UseSnakeCaseNamingConvention<TContext>(this DbContextOptionsBuilder<TContext> optionsBuilder, CultureInfo? culture = null)
            where TContext : DbContext
        {
            optionsBuilder.ReplaceService<IModelCustomizer, SchemaDrift.Tests.EfCore.Models.SnakeCaseModelCustomizer>();
            return optionsBuilder;
        }
    }
}

namespace SchemaDrift.Tests.EfCore.Models
{
    public sealed class SnakeCaseModelCustomizer : RelationalModelCustomizer
    {
        public SnakeCaseModelCustomizer(ModelCustomizerDependencies dependencies) : base(dependencies) { }

        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            foreach (var entity in modelBuilder.Model.GetEntityTypes())
            {
                var ownership = entity.FindOwnership();
                var convention = (IConventionEntityType)entity;
                if ((ownership == null || !ownership.IsUnique) && entity.BaseType == null &&
                    convention.GetTableNameConfigurationSource() is null or ConfigurationSource.Convention)
                {
                    entity.SetTableName(Snake(entity.GetTableName()!));
                }
            }
            foreach (var entity in modelBuilder.Model.GetEntityTypes())
            {
                var splitting = entity.FindOwnership() is { IsUnique: true };
                foreach (var property in entity.GetDeclaredProperties())
                {
                    if (splitting && property.IsPrimaryKey()) continue; // shares the owner's key column
                    if (((IConventionProperty)property).GetColumnNameConfigurationSource() is null or ConfigurationSource.Convention)
                    {
                        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
                        property.SetColumnName(Snake(table is { } t ? property.GetColumnName(t)! : property.GetColumnName()));
                    }
                }
            }
        }

        /// <summary>EFCore.NamingConventions' snake_case rewriter (same algorithm as Npgsql's name translator).</summary>
        public static string Snake(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            UnicodeCategory? previous = null;
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c == '_')
                {
                    builder.Append('_');
                    previous = null;
                    continue;
                }
                var category = char.GetUnicodeCategory(c);
                switch (category)
                {
                    case UnicodeCategory.UppercaseLetter:
                    case UnicodeCategory.TitlecaseLetter:
                        if (previous == UnicodeCategory.SpaceSeparator || previous == UnicodeCategory.LowercaseLetter ||
                            (previous != UnicodeCategory.DecimalDigitNumber && previous != null && i > 0 && i + 1 < name.Length && char.IsLower(name[i + 1])))
                        {
                            builder.Append('_');
                        }
                        c = char.ToLowerInvariant(c);
                        break;
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                        if (previous == UnicodeCategory.SpaceSeparator) builder.Append('_');
                        break;
                    default:
                        if (previous != null) previous = UnicodeCategory.SpaceSeparator;
                        continue;
                }
                builder.Append(c);
                previous = category;
            }
            return builder.ToString();
        }
    }
}

using System.Globalization;
using System.Text;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>The EFCore.NamingConventions rewriters (UseSnakeCaseNamingConvention and friends), and Npgsql's enum label translator.</summary>
    internal enum NamingConvention
    {
        None,
        SnakeCase,
        LowerCase,
        UpperCase,
        UpperSnakeCase,
        CamelCase,
    }

    internal static class NameRewriter
    {
        public static NamingConvention FromMethodName(string method)
        {
            switch (method)
            {
                case "UseSnakeCaseNamingConvention": return NamingConvention.SnakeCase;
                case "UseLowerCaseNamingConvention": return NamingConvention.LowerCase;
                case "UseUpperCaseNamingConvention": return NamingConvention.UpperCase;
                case "UseUpperSnakeCaseNamingConvention": return NamingConvention.UpperSnakeCase;
                case "UseCamelCaseNamingConvention": return NamingConvention.CamelCase;
                default: return NamingConvention.None;
            }
        }

        public static string Rewrite(string name, NamingConvention convention)
        {
            switch (convention)
            {
                case NamingConvention.SnakeCase: return SnakeCase(name);
                case NamingConvention.UpperSnakeCase: return SnakeCase(name).ToUpperInvariant();
                case NamingConvention.LowerCase: return name.ToLowerInvariant();
                case NamingConvention.UpperCase: return name.ToUpperInvariant();
                case NamingConvention.CamelCase: return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
                default: return name;
            }
        }

        /// <summary>
        /// The snake_case algorithm EFCore.NamingConventions and Npgsql's NpgsqlSnakeCaseNameTranslator
        /// share: a word starts at an upper-case letter after a lower-case one, or before a lower-case
        /// one after other letters ("HTMLParser" → "html_parser"); digits never start a word.
        /// </summary>
        public static string SnakeCase(string name)
        {
            if (string.IsNullOrEmpty(name)) return name;
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
                        if (previous == UnicodeCategory.SpaceSeparator ||
                            previous == UnicodeCategory.LowercaseLetter ||
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

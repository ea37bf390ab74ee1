using System.Text.RegularExpressions;

namespace Storytelling.Storage.Internal;

/// <summary>Checks a schema name and quotes it for SQL text (identifiers cannot be parameters).</summary>
internal static partial class SchemaName
{
    public static string Quote(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!Pattern().IsMatch(schema))
        {
            throw new ArgumentException(
                $"Schema name '{schema}' is not allowed: use 1-63 lower-case letters, digits or underscores, " +
                "starting with a letter or underscore.",
                nameof(schema));
        }

        return "\"" + schema + "\"";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Pattern();
}

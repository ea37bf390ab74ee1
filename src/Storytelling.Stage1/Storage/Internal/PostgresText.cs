using System.Diagnostics.CodeAnalysis;

namespace Storytelling.Stage1.Storage.Internal;

/// <summary>
/// PostgreSQL text and jsonb cannot hold U+0000, which JSON input can carry (<c>"\u0000"</c>) and binary junk lines
/// put into rejection excerpts. Every text value written by the store passes through here: NUL becomes U+FFFD.
/// </summary>
internal static class PostgresText
{
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Clean(string? value) =>
        value is null || !value.Contains('\0', StringComparison.Ordinal) ? value : value.Replace('\0', '\uFFFD');
}

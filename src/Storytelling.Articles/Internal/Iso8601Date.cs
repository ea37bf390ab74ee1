using System.Globalization;

namespace Storytelling.Articles.Internal;

/// <summary>Parses the ISO 8601 forms news feeds use; a value without an offset is taken as UTC.</summary>
internal static class Iso8601Date
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static DateTimeOffset? Parse(string? value) =>
        value is not null
        && DateTimeOffset.TryParseExact(
            value.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var parsed)
            ? parsed
            : null;
}

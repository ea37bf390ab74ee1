using System.Globalization;
using System.Text.RegularExpressions;

namespace Storytelling.Cleaning.Steps;

/// <summary>
/// Reads publication dates in the formats news feeds use and returns them in UTC: ISO 8601 with or without offset,
/// RFC 1123/822 (<c>Tue, 03 Mar 2026 12:05:00 GMT</c>, <c>+0100</c>), <c>March 3, 2026</c>, <c>3 March 2026 09:00 CET</c>,
/// <c>2026-03-03 12:05</c>, numeric dates and unix seconds (or milliseconds, 13 digits). Time zones: <c>Z</c>,
/// <c>±hh:mm</c>/<c>±hhmm</c>/<c>±hh</c> and the abbreviations UTC, GMT, UT, WET, WEST, CET, CEST, EET, EEST, BST,
/// EST, EDT, CST, CDT, MST, MDT, PST, PDT; a date without a zone is taken as UTC (flag <c>assumed_utc</c>).
/// Numeric dates with slashes are read month first (US <c>m/d/yyyy</c>) unless the first number is over 12, then day
/// first; when both numbers could be the month the flag <c>ambiguous_day_month</c> is set. Dotted dates
/// (<c>3.3.2026</c>) are day first. A date later than ingestion time plus the tolerance is flagged <c>future_date</c>
/// and not trusted.
/// </summary>
public sealed partial class DateNormalizer(TimeSpan futureTolerance)
{
    public const string FutureDate = "future_date";
    public const string UnparseableDate = "unparseable_date";
    public const string AssumedUtc = "assumed_utc";
    public const string AmbiguousDayMonth = "ambiguous_day_month";

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["UT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["WEST"] = 1,
        ["BST"] = 1,
        ["CET"] = 1,
        ["CEST"] = 2,
        ["EET"] = 2,
        ["EEST"] = 3,
        ["EST"] = -5,
        ["EDT"] = -4,
        ["CST"] = -6,
        ["CDT"] = -5,
        ["MST"] = -7,
        ["MDT"] = -6,
        ["PST"] = -8,
        ["PDT"] = -7,
    };

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd",
        "ddd, d MMM yyyy HH:mm:ss", "ddd, d MMM yyyy HH:mm", "ddd, d MMM yy HH:mm:ss", "ddd, d MMM yyyy", "d MMM yyyy HH:mm:ss",
        "d MMM yyyy HH:mm", "d MMM yyyy", "d MMMM yyyy HH:mm:ss", "d MMMM yyyy HH:mm", "d MMMM yyyy", "d MMMM yyyy, HH:mm",
        "MMMM d, yyyy", "MMMM d, yyyy HH:mm", "MMMM d, yyyy h:mm tt", "MMMM d, yyyy, h:mm tt", "MMM d, yyyy", "MMM d, yyyy HH:mm",
        "MMM d, yyyy h:mm tt", "dddd, MMMM d, yyyy", "dddd, d MMMM yyyy", "dddd, MMMM d, yyyy h:mm tt", "dddd, d MMMM yyyy HH:mm",
    ];

    public TimeSpan FutureTolerance { get; } = futureTolerance >= TimeSpan.Zero
        ? futureTolerance
        : throw new ArgumentOutOfRangeException(nameof(futureTolerance), futureTolerance, "The future-date tolerance must not be negative.");

    /// <summary>Normalizes <paramref name="raw"/>; <paramref name="ingestedAt"/> is when the article entered the pipeline.</summary>
    public NormalizedDate Normalize(string? raw, DateTimeOffset ingestedAt)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new NormalizedDate(null, null, [], null);
        }

        var flags = new List<string>(2);
        var parsed = Parse(raw.Trim(), flags);
        if (parsed is not { } value)
        {
            return new NormalizedDate(null, null, [UnparseableDate], $"The publication date '{Shorten(raw)}' is in no known date format.");
        }

        var utc = value.ToUniversalTime();
        if (utc > ingestedAt + FutureTolerance)
        {
            flags.Add(FutureDate);
            var reason = $"The publication date {utc:yyyy-MM-dd'T'HH:mm:ss'Z'} is later than ingestion time "
                + $"{ingestedAt.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} plus the tolerance of {FutureTolerance.TotalMinutes:0} minutes.";
            return new NormalizedDate(null, utc, flags, reason);
        }

        return new NormalizedDate(utc, utc, flags, null);
    }

    private static DateTimeOffset? Parse(string text, List<string> flags)
    {
        if (UnixTime().IsMatch(text))
        {
            var number = long.Parse(text, CultureInfo.InvariantCulture);
            return text.TrimStart('-').Length >= 13 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
        }

        TimeSpan? offset = null;
        var zone = ZoneName().Match(text);
        if (zone.Success && ZoneHours.TryGetValue(zone.Groups["zone"].Value, out var hours))
        {
            offset = TimeSpan.FromHours(hours);
            text = text[..zone.Index].TrimEnd();
        }
        else if (NumericOffset().Match(text) is { Success: true } numeric)
        {
            var minutes = numeric.Groups["m"].Success ? int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var span = new TimeSpan(int.Parse(numeric.Groups["h"].Value, CultureInfo.InvariantCulture), minutes, 0);
            offset = numeric.Groups["sign"].Value == "-" ? -span : span;
            text = text[..numeric.Index].TrimEnd();
        }

        var local = ParseLocal(text, flags);
        if (local is not { } dateTime || (offset is { } o && (o < TimeSpan.FromHours(-14) || o > TimeSpan.FromHours(14))))
        {
            return null;
        }

        if (offset == null)
        {
            flags.Add(AssumedUtc);
        }

        return new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Unspecified), offset ?? TimeSpan.Zero);
    }

    private static DateTime? ParseLocal(string text, List<string> flags)
    {
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact))
        {
            return exact;
        }

        var numeric = NumericDate().Match(text);
        if (!numeric.Success)
        {
            return null;
        }

        var first = int.Parse(numeric.Groups["a"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(numeric.Groups["b"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(numeric.Groups["y"].Value, CultureInfo.InvariantCulture);
        var dayFirst = numeric.Groups["sep"].Value == "." || first > 12;
        var (day, month) = dayFirst ? (first, second) : (second, first);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        if (numeric.Groups["sep"].Value == "/" && first <= 12 && second <= 12 && first != second)
        {
            flags.Add(AmbiguousDayMonth);
        }

        var hour = numeric.Groups["h"].Success ? int.Parse(numeric.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = numeric.Groups["min"].Success ? int.Parse(numeric.Groups["min"].Value, CultureInfo.InvariantCulture) : 0;
        var secondOfMinute = numeric.Groups["s"].Success ? int.Parse(numeric.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        return hour > 23 || minute > 59 || secondOfMinute > 59 ? null : new DateTime(year, month, day, hour, minute, secondOfMinute, DateTimeKind.Unspecified);
    }

    private static string Shorten(string raw) => raw.Length <= 80 ? raw : raw[..80] + "…";

    [GeneratedRegex(@"^-?\d{9,13}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"(?<=\d(?:\s*[AaPp][Mm])?)\s*\(?(?<zone>[A-Za-z]{1,4})\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"(?<=\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?<sign>[+-])(?<h>\d{2})(?::?(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericOffset();

    [GeneratedRegex(@"^(?<a>\d{1,2})(?<sep>[/.])(?<b>\d{1,2})\k<sep>(?<y>\d{4})(?:,?\s+(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();
}
